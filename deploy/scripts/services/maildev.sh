#!/usr/bin/env bash
# maildev for the tests: an SMTP server on 127.0.0.1:1025 that keeps what it receives and shows it
# through a REST API on 127.0.0.1:1080 (GET /api/email).
#   start  installs maildev from deploy/tools/package-lock.json when missing, starts it in the
#          background, waits for /api/healthz and prints the export lines the tests read on stdout
#          (everything else goes to stderr). Running it again while it answers only prints them.
#   stop   stops the maildev this script started and removes its mail folder.
# Overrides: ONBOARDING_MAILDEV_SMTP_PORT (1025), ONBOARDING_MAILDEV_WEB_PORT (1080).
set -euo pipefail

action=${1:-start}
root=$(cd "$(dirname "$0")/../../.." && pwd)
tools=$root/deploy/tools
run=$tools/run/maildev
pid_file=$run/maildev.pid
smtp_port=${ONBOARDING_MAILDEV_SMTP_PORT:-1025}
web_port=${ONBOARDING_MAILDEV_WEB_PORT:-1080}
api=http://127.0.0.1:$web_port

log() { echo "maildev: $*" >&2; }

print_exports() {
  echo "export ONBOARDING_TEST_SMTP_HOST=127.0.0.1"
  echo "export ONBOARDING_TEST_SMTP_PORT=$smtp_port"
  echo "export ONBOARDING_TEST_MAILDEV_API=$api"
}

healthy() {
  node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$api/api/healthz" 2>/dev/null
}

our_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

install() {
  if [ -x "$tools/node_modules/.bin/maildev" ]; then
    return 0
  fi
  command -v npm >/dev/null || { log "npm is not installed"; return 1; }
  log "installing maildev into deploy/tools"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error) >&2
}

start() {
  if healthy; then
    if our_pid >/dev/null; then
      log "already running (pid $(cat "$pid_file"))"
    else
      log "a maildev already answers on $api; using it"
    fi
    print_exports
    return 0
  fi

  install
  mkdir -p "$run/mail"
  if pid=$(our_pid); then
    log "pid $pid does not answer; stopping it"
    kill "$pid" 2>/dev/null || true
  fi

  # Started with node, not npx, so the recorded PID is the server's own.
  (cd "$tools" && exec node node_modules/.bin/maildev --smtp "$smtp_port" --web "$web_port" \
    --ip 127.0.0.1 --web-ip 127.0.0.1 --mail-directory "$run/mail") >"$run/maildev.log" 2>&1 </dev/null &
  echo $! >"$pid_file"

  local i
  for i in $(seq 1 60); do
    if healthy; then
      log "started (pid $(cat "$pid_file")), SMTP 127.0.0.1:$smtp_port, API $api"
      print_exports
      return 0
    fi
    if ! our_pid >/dev/null; then
      break
    fi
    sleep 0.5
  done

  log "did not become healthy; its log:"
  cat "$run/maildev.log" >&2 || true
  stop
  return 1
}

stop() {
  local pid i
  if pid=$(our_pid); then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    log "stopped (pid $pid)"
  else
    log "not running"
  fi
  rm -f "$pid_file"
  rm -rf "$run/mail"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: maildev.sh start|stop" >&2; exit 64 ;;
esac
