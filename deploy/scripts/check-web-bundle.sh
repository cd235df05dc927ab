#!/usr/bin/env bash
# Rebuilds the dashboard's bpmn-js bundle from src/OnboardingWorkflow.Web/Client (npm ci + build)
# in a temporary copy and fails when the committed files under wwwroot/lib/bpmn differ from it:
# the committed bundle must be exactly what the lock file and build script produce.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
web="$root/src/OnboardingWorkflow.Web"
committed="$web/wwwroot/lib/bpmn"

if ! command -v npm >/dev/null 2>&1; then
  echo "check-web-bundle: npm is not installed (Node 20 or later is needed to rebuild the bpmn-js bundle)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Client"
(cd "$web/Client" && tar --exclude=./node_modules -cf - .) | (cd "$work/Client" && tar -xf -)

start=$(date +%s)
(cd "$work/Client" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) > "$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2
  echo "check-web-bundle: npm ci or the build failed (log above)" >&2
  exit 1
}

if ! diff -r "$committed" "$work/wwwroot/lib/bpmn" > "$work/diff.txt"; then
  head -n 20 "$work/diff.txt" >&2
  echo "check-web-bundle: the committed files in src/OnboardingWorkflow.Web/wwwroot/lib/bpmn differ from a fresh build." >&2
  echo "  Rebuild them (cd src/OnboardingWorkflow.Web/Client && npm ci && npm run build, or dotnet build -p:BuildDiagramBundle=true) and commit the result." >&2
  exit 1
fi

echo "check-web-bundle: the committed bpmn-js bundle matches a fresh build ($(( $(date +%s) - start )) s)"
