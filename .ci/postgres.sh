#!/bin/sh
# Start a throwaway PostgreSQL server for the tests and print the line that points them at it:
#
#     eval "$(.ci/postgres.sh)"      # as root on Debian; then pytest runs tests/test_state_pg.py
#
# Installs Debian's postgresql package when it is missing, makes a cluster in a temporary folder
# owned by the postgres user (the server refuses to run as root), listens on 127.0.0.1 only (a free port, or $BRIEFER_PG_PORT),
# creates the role and database `briefer` and prints `export BRIEFER_TEST_POSTGRES=postgresql://…`.
# Everything else goes to stderr. Stop the server with the pg_ctl line printed on stderr.
set -eu

# A free port on loopback unless one is given: a server left from an earlier run must not stop this one.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="${BRIEFER_PG_PORT:-$(free_port)}"
PASSWORD="briefer-test"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "installing postgresql" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=$(mktemp -d /tmp/briefer-pg.XXXXXX)
chown postgres:postgres "$DATA"
chmod 700 "$DATA"
as_postgres() { runuser -u postgres -- "$@"; }

as_postgres "$BIN/initdb" -D "$DATA/data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >&2
as_postgres "$BIN/pg_ctl" -D "$DATA/data" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA" start >&2
as_postgres "$BIN/psql" -h "$DATA" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE briefer LOGIN PASSWORD '$PASSWORD'" \
    -c "CREATE DATABASE briefer OWNER briefer" >&2

echo "PostgreSQL for the tests is in $DATA; stop it with: runuser -u postgres -- $BIN/pg_ctl -D $DATA/data stop" >&2
echo "export BRIEFER_TEST_POSTGRES=postgresql://briefer:$PASSWORD@127.0.0.1:$PORT/briefer"
