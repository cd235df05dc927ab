#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs and starts what the tests need,
# builds the solution, runs all test projects and ends with the line "N passed, N failed".
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out="$root/.test-output"
rm -rf "$out" && mkdir -p "$out"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== services"
if ! exports=$(bash deploy/scripts/test-services.sh start); then
  echo "a test service failed to start"
  echo "0 passed, 1 failed"
  exit 1
fi
eval "$exports"
trap 'bash deploy/scripts/test-services.sh stop' EXIT

echo "== web bundle"
bundle_failed=0
if ! bash deploy/scripts/check-web-bundle.sh 2>&1 | tee "$out/web-bundle.log"; then
  echo "web bundle check failed"
  bundle_failed=1
fi

echo "== deployment files"
deploy_failed=0
if ! bash deploy/scripts/check-deploy.sh 2>&1 | tee "$out/deploy-check.log"; then
  echo "deployment files check failed"
  deploy_failed=1
fi

echo "== build"
if ! dotnet build OnboardingWorkflow.sln -c Release -nologo -v minimal 2>&1 | tee "$out/build.log"; then
  echo "build failed"
  echo "$((1 - deploy_failed)) passed, $((bundle_failed + deploy_failed + 1)) failed"
  exit 1
fi
if grep -qE "Build FAILED|error [A-Z]+[0-9]+" "$out/build.log"; then
  echo "build failed"
  echo "$((1 - deploy_failed)) passed, $((bundle_failed + deploy_failed + 1)) failed"
  exit 1
fi

passed=$((1 - deploy_failed)); failed=$((bundle_failed + deploy_failed)); skipped=0; status=$((bundle_failed | deploy_failed))
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo --filter "Category!=Benchmark" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$out" 2>&1 | tee "$out/$name.log"
  rc=${PIPESTATUS[0]}
  trx="$out/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${t:-0} - ${e:-0}))
  else
    echo "no test results for $name"
    failed=$((failed + 1))
  fi
  [ "$rc" -eq 0 ] || status=1
done

[ "$failed" -eq 0 ] || status=1
if [ "$status" -ne 0 ] && [ -s "$out/server-errors.log" ]; then
  # Errors the test servers logged (some tests provoke them on purpose): the last ones often explain a failure.
  echo "== last errors logged by test servers (all in $out/server-errors.log)"
  tail -n 60 "$out/server-errors.log"
fi
if [ "$failed" -ne 0 ]; then
  # Named last, next to the summary, so they survive when the output is cut.
  echo "== failed tests"
  if command -v node >/dev/null 2>&1; then
    node deploy/scripts/failed-tests.mjs "$out"/*.trx || echo "listing the failed tests failed"
  else
    grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$out"/*.trx | sed -n 's/.*testName="\([^"]*\)".*/FAILED \1/p' | head -n 20
  fi
fi
# Stop the services now, so the summary stays the last line of the output.
trap - EXIT
bash deploy/scripts/test-services.sh stop > "$out/services-stop.log" 2>&1 || echo "stopping the test services failed: see $out/services-stop.log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
