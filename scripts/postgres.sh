#!/usr/bin/env bash
# The tests' own PostgreSQL cluster ("assessor_test", apart from the machine's "main" cluster).
#   postgres.sh start   start it if needed, make the test role and database, print the DATABASE_URL
#   postgres.sh status  print "online" or "down"
#   postgres.sh stop    stop it (test.sh calls this only when its own run started it)
# ASSESSOR_PG_DATABASE names the database (default assessor_test), so parallel runs need not share one.
set -euo pipefail

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sudo -u postgres sh -c "$1"; fi
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

CLUSTER=assessor_test
DATABASE=${ASSESSOR_PG_DATABASE:-assessor_test}
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
online() { pg_lsclusters -h | grep -q "^$version  *$CLUSTER .* online"; }

case "${1:-start}" in
status)
  if online; then echo online; else echo down; fi
  exit 0
  ;;
stop)
  as_root pg_ctlcluster "$version" "$CLUSTER" stop >/dev/null 2>&1 || true
  exit 0
  ;;
start) ;;
*)
  echo "usage: postgres.sh start|status|stop" >&2
  exit 2
  ;;
esac

if ! pg_lsclusters -h | grep -q "^$version  *$CLUSTER "; then
  # Not started at boot: only the test run that needs it starts it.
  as_root pg_createcluster "$version" "$CLUSTER" --start-conf=manual >/dev/null
fi
online || as_root pg_ctlcluster "$version" "$CLUSTER" start
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')
for _ in $(seq 1 30); do
  as_postgres "pg_isready -q -p $port" && break
  sleep 1
done
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'assessor'\"" | grep -q 1 ||
  as_postgres "psql -p $port -qc \"CREATE ROLE assessor LOGIN PASSWORD 'assessor' CREATEDB\""
# Tests drop their databases WITH (FORCE), which must also end an autovacuum worker's connection.
as_postgres "psql -p $port -qc \"GRANT pg_signal_backend TO assessor\"" >/dev/null 2>&1
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"" | grep -q 1 ||
  as_postgres "createdb -p $port -O assessor $DATABASE"
echo "postgresql+psycopg://assessor:assessor@127.0.0.1:$port/$DATABASE"
