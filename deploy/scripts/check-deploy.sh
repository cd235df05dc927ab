#!/usr/bin/env bash
# Checks the deployment files under deploy/ without a container engine (none runs on the test
# machines, and the base images could not be pulled there anyway):
#   - the Dockerfile with a Dockerfile linter (dockerfile-utils), compose.yaml with dclint and with
#     "docker-compose config" for each profile (and its refusal to start without the secrets);
#   - what no linter knows (check-deploy-files.mjs): settings that name real configuration keys,
#     no secrets, .env.sample complete, non-root image with a health check, the unit's hardening;
#   - the systemd unit with "systemd-analyze verify" and its "security" exposure (at most 3.0);
#   - the nginx site with "nginx -t" on a throwaway certificate, then a real nginx on loopback in
#     front of a small echo server: it must redirect to HTTPS, replace a forged X-Forwarded-For by
#     the address it saw, pass the scheme and the Host, and upgrade a WebSocket.
# Installs what is missing (Debian packages, the npm linters pinned in deploy/tools/lint). Prints
# "ok: ..." or "FAIL: ..." per check and exits 1 when any check failed.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
lint=$root/deploy/tools/lint
work=$(mktemp -d)
nginx_pid=""
echo_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  [ -n "$echo_pid" ] && kill "$echo_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "check-deploy: $*" >&2; }
failures=0
check() {
  local name=$1
  shift
  if "$@" > "$work/check.log" 2>&1; then
    echo "ok: $name"
  else
    sed 's/^/    /' "$work/check.log"
    echo "FAIL: $name"
    failures=$((failures + 1))
  fi
}

install_tools() {
  local missing=()
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v nginx >/dev/null 2>&1 || missing+=(nginx)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    # Keep the packages from starting their services (nginx on port 80) while they install.
    local policy=/usr/sbin/policy-rc.d ours=""
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && ours=1; fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } > "$work/apt.log" 2>&1
    local rc=$?
    [ -n "$ours" ] && rm -f "$policy"
    if [ $rc -ne 0 ]; then cat "$work/apt.log" >&2; log "could not install ${missing[*]}"; return 1; fi
  fi
  if [ ! -x "$lint/node_modules/.bin/dockerfile-utils" ] || [ ! -x "$lint/node_modules/.bin/dclint" ] || [ ! -d "$lint/node_modules/yaml" ]; then
    log "installing the linters (npm ci in deploy/tools/lint)"
    (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error) > "$work/npm.log" 2>&1 || { cat "$work/npm.log" >&2; return 1; }
  fi
}

# An .env filled from .env.sample, with made-up secrets where the sample leaves them empty.
filled_env() {
  sed -e 's/^ONBOARDING_ADMIN_PASSWORD=$/ONBOARDING_ADMIN_PASSWORD=Check-only-1!/' \
      -e 's/^POSTGRES_PASSWORD=$/POSTGRES_PASSWORD=check-only/' \
      -e 's/^MSSQL_SA_PASSWORD=$/MSSQL_SA_PASSWORD=Check-only-1!/' "$root/deploy/docker/.env.sample"
}

compose_config() {
  local env=$work/filled.env profile
  filled_env > "$env"
  for profile in sqlserver postgres; do
    COMPOSE_PROFILES=$profile docker-compose --project-directory "$root/deploy/docker" --env-file "$env" \
      -f "$root/deploy/docker/compose.yaml" config > "$work/config-$profile.yaml" || return 1
    grep -q "server-$profile:" "$work/config-$profile.yaml" || { echo "profile $profile has no server-$profile service"; return 1; }
  done
  # Without the secrets compose must refuse, naming what is missing.
  if docker-compose --project-directory "$root/deploy/docker" --env-file "$root/deploy/docker/.env.sample" \
      -f "$root/deploy/docker/compose.yaml" config > "$work/unset.log" 2>&1; then
    echo "docker-compose config accepted the sample's empty passwords"; return 1
  fi
  grep -q "set .* in .env" "$work/unset.log" || { cat "$work/unset.log"; return 1; }
}

unit_verify() {
  local unit=$work/systemd/onboarding-workflow.service
  mkdir -p "$work/systemd"
  cp "$root/deploy/systemd/onboarding-workflow.service" "$unit"
  # verify wants ExecStart's program to exist; stand in for dotnet where it is not at /usr/bin.
  [ -x /usr/bin/dotnet ] || sed -i "s|^ExecStart=/usr/bin/dotnet |ExecStart=$(command -v true) |" "$unit"
  systemd-analyze verify "$unit" > "$work/verify.log" 2>&1
  local rc=$?
  # Unknown or misspelt keys are only warned about, with exit code 0: any output fails too.
  if [ $rc -ne 0 ] || [ -s "$work/verify.log" ]; then cat "$work/verify.log"; return 1; fi
}

unit_security() {
  systemd-analyze security --offline=true --threshold=30 "$root/deploy/systemd/onboarding-workflow.service" > "$work/security.log" 2>&1
  local rc=$?
  [ $rc -eq 0 ] || { grep "✗" "$work/security.log"; return 1; }
}

# A main nginx.conf around the site, everything under $work, certificate made here.
nginx_config() {
  local http_port=$1 https_port=$2 upstream_port=$3
  mkdir -p "$work/nginx"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=credit.example.com" \
    -keyout "$work/nginx/site.key" -out "$work/nginx/site.pem" > "$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; return 1; }
  sed -e "s|/etc/ssl/certs/credit.example.com.pem|$work/nginx/site.pem|" \
      -e "s|/etc/ssl/private/credit.example.com.key|$work/nginx/site.key|" \
      -e "s|listen 80;|listen 127.0.0.1:$http_port;|; s|listen \[::\]:80;||" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|; s|listen \[::\]:443 ssl http2;||" \
      -e "s|server 127.0.0.1:5080;|server 127.0.0.1:$upstream_port;|" \
      "$root/deploy/nginx/onboarding-workflow.conf" > "$work/nginx/site.conf"
  cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $work/nginx/site.conf;
}
EOF
}

nginx_syntax() {
  nginx_config 8080 8443 5080 && nginx -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'; }

nginx_in_front() {
  local http_port https_port upstream_port
  http_port=$(free_port) && https_port=$(free_port) && upstream_port=$(free_port) || return 1
  node "$root/deploy/scripts/nginx-echo-upstream.mjs" serve "$upstream_port" > "$work/echo.log" 2>&1 &
  echo_pid=$!
  nginx_config "$http_port" "$https_port" "$upstream_port" || return 1
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g "daemon off;" > "$work/nginx.log" 2>&1 &
  nginx_pid=$!
  node "$root/deploy/scripts/nginx-echo-upstream.mjs" probe "$http_port" "$https_port" "$upstream_port" || { cat "$work/nginx/error.log" "$work/echo.log" 2>/dev/null; return 1; }
}

if ! install_tools; then
  echo "FAIL: installing the deployment checks' tools"
  exit 1
fi
check "Dockerfile lint (dockerfile-utils)" "$lint/node_modules/.bin/dockerfile-utils" lint "$root/deploy/docker/Dockerfile"
check "compose.yaml lint (dclint, errors)" "$lint/node_modules/.bin/dclint" --quiet --no-color "$root/deploy/docker/compose.yaml"
check "compose.yaml config (docker-compose, both profiles)" compose_config
check "settings, secrets, image and unit rules (check-deploy-files.mjs)" node "$root/deploy/scripts/check-deploy-files.mjs" "$root" "$lint/node_modules/yaml"
check "systemd unit (systemd-analyze verify)" unit_verify
check "systemd unit exposure at most 3.0 (systemd-analyze security)" unit_security
grep -h "Overall exposure" "$work/security.log" 2>/dev/null | sed 's/^→ /    /'
check "nginx site (nginx -t)" nginx_syntax
check "nginx in front of an echo server (headers, redirect, WebSocket)" nginx_in_front

if [ "$failures" -gt 0 ]; then
  echo "check-deploy: $failures check(s) failed"
  exit 1
fi
echo "check-deploy: all checks passed"
