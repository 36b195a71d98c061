#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, types, the shipped rule pack, then pytest
# twice, on SQLite (the embedded default) and on a real PostgreSQL server started here; the second
# pass runs the tests that touch a database (marker `postgres`, given in tests/conftest.py).
# Both passes run on pytest-xdist workers (ASSESSOR_TEST_WORKERS, default `auto`: one per core);
# `--dist loadgroup` keeps each xdist_group (browser tests, real servers and workers) on one worker.
# Arguments go to both pytest runs. Exits non-zero if anything fails, and if pytest ran no test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (strict on assessor/)"
.venv/bin/mypy
echo "== supply chain (pip-audit)"
.venv/bin/python scripts/audit.py
echo "== shipped rule pack"
.venv/bin/assessor rules check rules/ --strict
.venv/bin/assessor rules test rules/

run_pytest() {
  set +e
  # The slowest tests are listed at the end of each pass: the suite must stay under 15 minutes.
  .venv/bin/python -m pytest -n "${ASSESSOR_TEST_WORKERS:-auto}" --dist loadgroup --durations=25 "$@"
  local status=$?
  set -e
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: failing" >&2
    exit 1
  fi
  if [ "$status" -ne 0 ]; then
    exit "$status"
  fi
}

echo "== pytest on SQLite"
run_pytest "$@"

echo "== pytest on PostgreSQL"
# The tests' own cluster; stopped afterwards only if this run started it.
if [ "$(bash scripts/postgres.sh status)" = down ]; then
  trap 'bash scripts/postgres.sh stop' EXIT
fi
postgres_url=$(bash scripts/postgres.sh start)
# Each xdist worker makes and wipes a database of its own beside this one (tests/conftest.py).
# Browser tests drive the same pages the web tests check on PostgreSQL: they run once, on SQLite.
ASSESSOR_TEST_DATABASE_URL=$postgres_url run_pytest -m "postgres and not browser" "$@"
