#!/usr/bin/env bash
# Chromium and the Noto CJK fonts for the browser tests (tests/OnboardingWorkflow.Web.Tests).
# Not a server: nothing runs in the background.
#   start  installs the Debian packages chromium and fonts-noto-cjk when /usr/bin/chromium or the
#          fonts are missing (a fast no-op when both are present), checks that Chromium starts,
#          and prints the export line the tests read (everything else goes to stderr).
#   stop   does nothing: installed packages stay.
# Without the CJK fonts Chinese text renders as empty boxes, so a missing font counts as missing.
# Installing needs root: as another user it goes through sudo when there is one, else it fails.
set -euo pipefail

action=${1:-start}
chromium=/usr/bin/chromium
packages=(chromium fonts-noto-cjk)

log() { echo "chromium: $*" >&2; }

fonts_present() {
  command -v fc-list >/dev/null && fc-list ':lang=zh-cn' family | grep -qi 'Noto Sans CJK'
}

present() {
  [ -x "$chromium" ] && fonts_present
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    log "installing ${packages[*]} needs root, and sudo is missing or asks for a password;"
    log "run as root: apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
    return 1
  fi
}

install() {
  local started=$SECONDS
  as_root true || return 1
  log "installing ${packages[*]} with apt-get (about a minute)"
  # Wait for another apt-get (a parallel test run) instead of failing on dpkg's lock.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y \
    --no-install-recommends "${packages[@]}" >&2
  log "installed in $((SECONDS - started)) s"
}

start() {
  if ! present; then
    install
    if ! [ -x "$chromium" ]; then
      log "$chromium is still missing after apt-get install"
      return 1
    fi
    if ! fonts_present; then
      log "the Noto Sans CJK fonts are still missing after apt-get install"
      return 1
    fi
  fi
  # stderr is dropped: Debian's launcher script prints a harmless shell warning on some machines.
  local version
  if ! version=$("$chromium" --version 2>/dev/null) || [ -z "$version" ]; then
    log "$chromium does not start:"
    "$chromium" --version >&2 || true
    return 1
  fi
  log "ready: $version"
  echo "export ONBOARDING_TEST_CHROMIUM=$chromium"
}

case "$action" in
  start) start ;;
  stop) ;;
  *) echo "usage: chromium.sh start|stop" >&2; exit 64 ;;
esac
