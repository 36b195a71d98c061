#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster for the tests and makes sure the test role and database
# exist. Prints the DATABASE_URL to use. `postgres.sh stop` stops the cluster again.
set -euo pipefail

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sudo -u postgres sh -c "$1"; fi
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if [ "${1:-}" = "stop" ]; then
  as_root pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
  exit 0
fi
if ! pg_lsclusters -h | grep -q "^$version  *main"; then
  as_root pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version  *main .* online"; then
  as_root pg_ctlcluster "$version" main start
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
for _ in $(seq 1 30); do
  as_postgres "pg_isready -q -p $port" && break
  sleep 1
done
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'assessor'\"" | grep -q 1 ||
  as_postgres "psql -p $port -qc \"CREATE ROLE assessor LOGIN PASSWORD 'assessor' CREATEDB\""
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'assessor_test'\"" | grep -q 1 ||
  as_postgres "createdb -p $port -O assessor assessor_test"
echo "postgresql+psycopg://assessor:assessor@127.0.0.1:$port/assessor_test"
