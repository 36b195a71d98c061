#!/usr/bin/env bash
# Sets everything up and starts assessor at http://127.0.0.1:5000 on its embedded default (SQLite
# in the instance folder), applying database migrations first, with the report job worker beside
# it (`assessor worker`: renders PDFs off the request path). Stopping the app stops the worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The development server speaks plain HTTP on loopback: cookies cannot be HTTPS-only there.
export ASSESSOR_ENV=${ASSESSOR_ENV:-development}
.venv/bin/assessor db upgrade
.venv/bin/assessor worker &
worker=$!
# SIGTERM lets the worker finish the renders in hand; jobs still queued wait in the queue file.
trap 'kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
.venv/bin/assessor run --host 127.0.0.1 --port 5000
