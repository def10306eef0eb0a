# Sourced by .ci/run: a throw-away PostgreSQL cluster on loopback for the team-mode tests.
# Installs Debian's package when it is missing, starts a cluster in a temporary folder
# owned by the postgres user, creates a role that may create databases (and end other
# roles' sessions, so a test's DROP DATABASE ... WITH (FORCE) works), and exports
# SLAWORKBENCH_TEST_POSTGRES for tests/integration/test_postgres_live.py. The cluster is
# stopped and removed when the calling shell exits.

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bin)" ]; then
    echo "ci: installing PostgreSQL (Debian's package) for the team-mode tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(pg_bin)"
if [ -z "$PG_BIN" ]; then
    echo "ci: PostgreSQL could not be installed; the team-mode tests will fail" >&2
    export SLAWORKBENCH_TEST_POSTGRES="postgresql+psycopg://sla:sla@127.0.0.1:1/postgres"
    return 0
fi

# The cluster is thrown away: on a RAM disk when there is one with room, and without the
# durability a crash would need (no fsync, no synchronous commit, no full-page writes):
# the tests that stop a server mid-write run a private cluster of their own
# (tests/support/postgres_server.py). The suite's server tests took ~15 % less.
PG_PARENT=/tmp
shm_free="$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')"
if [ -w /dev/shm ] && [ "${shm_free:-0}" -gt 2000000 ]; then
    PG_PARENT=/dev/shm
fi
PG_DIR="$(mktemp -d "$PG_PARENT/slaworkbench-ci-pg.XXXXXX")"
PG_PORT="${PG_PORT:-54329}"
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
ci_stop_postgres() {
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap ci_stop_postgres EXIT
as_postgres "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE ROLE sla LOGIN PASSWORD 'sla' CREATEDB CREATEROLE" \
    -c "GRANT pg_signal_backend TO sla" >/dev/null
export SLAWORKBENCH_TEST_POSTGRES="postgresql+psycopg://sla:sla@127.0.0.1:$PG_PORT/postgres"
echo "ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
