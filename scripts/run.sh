#!/usr/bin/env bash
# Sets everything up and starts assessor at http://127.0.0.1:5000 on its embedded default (SQLite
# in the instance folder), applying database migrations first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The development server speaks plain HTTP on loopback: cookies cannot be HTTPS-only there.
export ASSESSOR_ENV=${ASSESSOR_ENV:-development}
.venv/bin/assessor db upgrade
exec .venv/bin/assessor run --host 127.0.0.1 --port 5000
