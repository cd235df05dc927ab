#!/usr/bin/env bash
# Fails when the EF model of any provider has changes that no migration captures; the fix is
# deploy/scripts/add-migration.sh NAME. No database server is needed.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=src/OnboardingWorkflow.Data
dotnet tool restore >&2
dotnet build "$project" -nologo -v q

status=0
for provider in Sqlite SqlServer PostgreSql; do
  if dotnet ef migrations has-pending-model-changes --no-build \
      --project "$project" --startup-project "$project" \
      --context "${provider}OnboardingDbContext"; then
    echo "$provider: migrations are up to date"
  else
    echo "$provider: the model has changes with no migration (run deploy/scripts/add-migration.sh NAME)"
    status=1
  fi
done
exit "$status"
