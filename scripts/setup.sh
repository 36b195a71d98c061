#!/usr/bin/env bash
# Sets up everything assessor needs on a Debian machine: system packages, a virtualenv, the
# project and its development tools. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: WeasyPrint's Pango/HarfBuzz and fonts, venv support for Debian's Python.
APT_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
  python3-venv
)
# `setup.sh --test` adds what the test suite uses: a PostgreSQL server, Chromium for browser
# tests, poppler and qpdf to read PDFs back, Redis for the shared rate-limit storage test.
if [ "${1:-}" = "--test" ]; then
  APT_PACKAGES+=(postgresql chromium poppler-utils qpdf redis-server)
fi
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python 3.11 or newer.
PYTHON=""
for candidate in python3.11 python3.12 python3.13 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    PYTHON=$candidate
    break
  fi
done
if [ -z "$PYTHON" ]; then
  echo "setup: Python 3.11 or newer is needed (apt-get install python3)" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi

# Reinstall only when the project's requirements changed since the last setup.
stamp=.venv/.assessor-setup
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! .venv/bin/python -c 'import assessor' 2>/dev/null; then
  echo "setup: installing assessor and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$want" >"$stamp"
fi
