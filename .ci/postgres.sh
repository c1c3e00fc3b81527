#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the storage tests and prints the
# DSN they read (IAGBOT_TEST_POSTGRES_DSN). Installs PostgreSQL from Debian's packages
# when it is absent. Usage: eval "$(.ci/postgres.sh)"
set -euo pipefail
PORT=${IAGBOT_TEST_PG_PORT:-54329}
# Another server (a developer's, a previous run's) may hold the port: take the next free one.
while (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; do PORT=$((PORT + 1)); done
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)")
DATA=$(mktemp -d /tmp/iagbot-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$DATA"
  RUNAS=(runuser -u postgres --)
fi
"${RUNAS[@]}" "$BIN/initdb" -D "$DATA" -U iagbot --auth=trust -E UTF8 >/dev/null
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c max_connections=200" start >/dev/null
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U iagbot iagbot_test
echo "export IAGBOT_TEST_POSTGRES_DSN='postgres://iagbot@127.0.0.1:$PORT/iagbot_test?sslmode=disable'"
echo "export IAGBOT_TEST_PG_STOP='${RUNAS[*]} $BIN/pg_ctl -D $DATA -m fast stop'"
