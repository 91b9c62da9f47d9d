#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local tool, see .config/dotnet-tools.json): mutates one folder of src/Cpm.Sdk at
# a time and runs the unit and integration tests against every mutant. Not part of `dotnet test`; it takes long
# (minutes for Gate/, much longer for Storage/ and Sync/, whose mutants run the integration tests).
#
#   eng/mutation.sh                 # Gate, Storage and Sync, one after another
#   eng/mutation.sh Gate            # one folder
#   UNIT_ONLY=1 eng/mutation.sh Gate   # against the unit tests alone (fast)
#
# Reports (HTML and JSON) land in artifacts/mutation/<folder>/; the score per folder is printed at the end of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null

folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  folders=(Gate Storage Sync)
fi

test_projects=(--test-project "$root/tests/Cpm.Sdk.Tests/Cpm.Sdk.Tests.csproj")
if [ "${UNIT_ONLY:-0}" != "1" ]; then
  test_projects+=(--test-project "$root/tests/Cpm.Sdk.IntegrationTests/Cpm.Sdk.IntegrationTests.csproj")
fi

for folder in "${folders[@]}"; do
  out="$root/artifacts/mutation/$folder"
  rm -rf "$out"
  echo "== mutating src/Cpm.Sdk/$folder"
  (cd src/Cpm.Sdk && dotnet stryker \
    --project Cpm.Sdk.csproj \
    "${test_projects[@]}" \
    --mutate "**/$folder/**/*.cs" \
    --concurrency "${CONCURRENCY:-2}" \
    --reporter html --reporter json --reporter progress --reporter cleartext \
    --output "$out" \
    --skip-version-check)
done
