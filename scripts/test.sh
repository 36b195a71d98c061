#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, types, the shipped rule pack, pytest.
# Exits non-zero if anything fails, and if pytest ran no test at all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (strict on assessor/)"
.venv/bin/mypy
echo "== shipped rule pack"
.venv/bin/assessor rules check rules/ --strict
.venv/bin/assessor rules test rules/
echo "== pytest"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
