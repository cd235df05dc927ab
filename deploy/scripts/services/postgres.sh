#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on 127.0.0.1:5433 only, trusting local connections.
#   start  installs PostgreSQL when initdb is missing, creates and starts the cluster, waits until it
#          answers, and prints the one export line the tests read (everything else goes to stderr).
#          Running it again while the cluster is up only prints the export line.
#   stop   fast shutdown, then the cluster folder is removed.
# Overrides: ONBOARDING_PG_PORT (5433), ONBOARDING_PG_DIR (/tmp/onboarding-test-postgres-PORT),
#            ONBOARDING_PG_DURABLE=1 for a cluster that syncs its commits as a production one does
#            (benchmarks; tests run without, since the cluster is thrown away).
# The cluster lives outside the repository so that the postgres user can reach it whatever the
# permissions of the checkout, and so that cleaning .test-output never pulls it from under a server.
set -euo pipefail

action=${1:-start}
port=${ONBOARDING_PG_PORT:-5433}
dir=${ONBOARDING_PG_DIR:-/tmp/onboarding-test-postgres-$port}
data=$dir/data
export_line="export ONBOARDING_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"

log() { echo "postgres: $*" >&2; }

find_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_postgres() {
  log "initdb not found; installing PostgreSQL with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y postgresql >&2; then
    apt-get update >&2
    apt-get install -y postgresql >&2
  fi
}

# initdb refuses to run as root: as root, every server command runs as the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

is_running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# wait_ready SECONDS
wait_ready() {
  local i
  for i in $(seq 1 $(($1 * 2))); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

start() {
  if ! bin=$(find_bin); then
    install_postgres
    bin=$(find_bin) || { log "PostgreSQL is still missing after apt-get install"; return 1; }
  fi

  if is_running; then
    if wait_ready 10; then
      log "already running on 127.0.0.1:$port ($dir)"
      echo "$export_line"
      return 0
    fi
    # A postmaster killed hard can linger as a zombie that pg_ctl still counts as running.
    log "the cluster in $dir does not answer; replacing it"
    as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 10 stop >&2 2>&1 || true
  fi

  # A folder left by a crash or a killed run holds nothing worth keeping: start afresh.
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"

  local started=$SECONDS
  log "creating a cluster in $dir"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # fsync off: the cluster is thrown away, and durability costs seconds per test run.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${ONBOARDING_PG_DURABLE:-0}" = "1" ]; then
    durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
  fi
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/pg.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
    start >&2 9>&- || { cat "$dir/pg.log" >&2; return 1; }
  if ! wait_ready 30; then
    log "the server did not answer on 127.0.0.1:$port within 30 s; log follows"
    cat "$dir/pg.log" >&2 || true
    return 1
  fi
  log "ready on 127.0.0.1:$port in $((SECONDS - started)) s"
  echo "$export_line"
}

stop() {
  if bin=$(find_bin) && is_running; then
    if as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2; then
      log "stopped"
    else
      log "pg_ctl could not stop the cluster in $dir; removing it anyway"
    fi
  fi
  rm -rf "$dir"
}

# Several test runs may start the service at once: one at a time. The server must not inherit the
# lock's descriptor (9>&- above), or it would hold the lock for as long as it runs.
lock=/tmp/onboarding-test-postgres-$port.lock
exec 9>"$lock"
flock -w 120 9 || { log "could not take $lock"; exit 1; }

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: postgres.sh start|stop" >&2; exit 64 ;;
esac
