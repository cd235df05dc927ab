#!/usr/bin/env bash
# Starts or stops every local service the tests need, all on 127.0.0.1.
# Each script in deploy/scripts/services/ takes "start" or "stop"; on start it installs what it
# needs, starts the service, waits until it answers, and prints "export NAME=value" lines that
# tell the tests where it is. Usage: eval "$(bash deploy/scripts/test-services.sh start)".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
action=${1:-start}

shopt -s nullglob
for service in "$here"/services/*.sh; do
  name=$(basename "$service" .sh)
  case "$action" in
    start)
      echo "starting $name" >&2
      if ! bash "$service" start; then
        echo "service $name failed to start" >&2
        exit 1
      fi
      ;;
    stop)
      bash "$service" stop >&2 || echo "service $name did not stop cleanly" >&2
      ;;
    *)
      echo "usage: test-services.sh start|stop" >&2
      exit 64
      ;;
  esac
done
