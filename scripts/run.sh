#!/usr/bin/env bash
# Sets everything up and starts assessor at http://127.0.0.1:5000 on its embedded default.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/assessor run --host 127.0.0.1 --port 5000
