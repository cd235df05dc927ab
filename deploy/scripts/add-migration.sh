#!/usr/bin/env bash
# Adds a migration named NAME for every database provider, with the pinned dotnet-ef local tool:
#   src/OnboardingWorkflow.Data/Migrations/{Sqlite,SqlServer,PostgreSql}
# No database server is needed: the design-time factories never open their connection strings.
# Usage: deploy/scripts/add-migration.sh NAME
set -euo pipefail

if [ $# -ne 1 ] || [[ ! "$1" =~ ^[A-Za-z][A-Za-z0-9_]*$ ]]; then
  echo "usage: add-migration.sh NAME   (NAME: letters, digits and underscores, starting with a letter)" >&2
  exit 64
fi
name=$1

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=src/OnboardingWorkflow.Data
dotnet tool restore >&2
dotnet build "$project" -nologo -v q

# One build serves the three: each provider's migrations and snapshot are separate. The namespace
# follows the folder (OnboardingWorkflow.Data.Migrations.<provider>); passing --namespace would
# put the model snapshot in a folder made from the namespace instead.
for provider in Sqlite SqlServer PostgreSql; do
  echo "== $provider" >&2
  dotnet ef migrations add "$name" --no-build \
    --project "$project" --startup-project "$project" \
    --context "${provider}OnboardingDbContext" \
    --output-dir "Migrations/$provider"
done

# The SQL Server migrations run nowhere on these machines: compiling them is their check.
echo "== build with the new migrations" >&2
dotnet build "$project" -nologo -v q
