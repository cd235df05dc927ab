#!/usr/bin/env bash
# Dashboard memory per connected user (BENCHMARKS.md, "Dashboard memory per connected user").
# Hosts the real server in the test process, connects headless Chromium users in steps and
# measures the server's managed heap after a full collection at each step.
#   deploy/scripts/bench-dashboard-memory.sh            # steps 10, 25, 50 users
#   deploy/scripts/bench-dashboard-memory.sh 5,20       # other steps
# OWF_BENCH_HOLD=SECONDS keeps the largest step open for a heap dump (the process id is printed).
# Needs Chromium (deploy/scripts/services/chromium.sh). Results: .test-output/benchmarks/dashboard-memory.md
set -euo pipefail
cd "$(dirname "$0")/../.."

dotnet build tests/OnboardingWorkflow.Web.Tests -c Release -nologo -v quiet
mkdir -p .test-output/benchmarks
rm -f .test-output/benchmarks/dashboard-memory.md
OWF_BENCHMARK=1 OWF_BENCH_USERS="${1:-10,25,50}" \
  dotnet test tests/OnboardingWorkflow.Web.Tests -c Release --no-build -nologo \
  --filter "Category=Benchmark" --logger "console;verbosity=normal"
cat .test-output/benchmarks/dashboard-memory.md
