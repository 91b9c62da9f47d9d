#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local tool, see .config/dotnet-tools.json): mutates one folder of src/Cpm.Sdk at
# a time and runs the unit and integration tests against every mutant. Not part of `dotnet test`; it takes long
# (minutes for Gate/, much longer for Storage/ and Sync/, whose mutants run the integration tests).
#
#   eng/mutation.sh                 # Gate, Storage and Sync, one after another
#   eng/mutation.sh Gate            # one folder
#   UNIT_ONLY=1 eng/mutation.sh Gate   # against the unit tests alone (fast)
#   CONCURRENCY=1 eng/mutation.sh Sync  # one test session at a time (default 2)
#   MUTATE='**/Sync/ChangePuller.cs{2200..2400};**/Sync/PushResults.cs' eng/mutation.sh Sync   # some files or parts only
#   (a span {from..to} counts characters from the start of the file, not lines; several spans may follow one glob)
#   eng/mutation.sh AspNetCore/ConsentApi   # a folder of another package: src/Cpm.Sdk.AspNetCore against its own tests
#   eng/mutation.sh Testing                  # a whole package: src/Cpm.Sdk.Testing against its own tests
#
# Reports (HTML and JSON) land in artifacts/mutation/<folder>/; the score per folder is printed at the end of each run.
# Survivors: python3 -c or jq over artifacts/mutation/<folder>/reports/mutation-report.json (status "Survived").
#
# What each folder is measured against (the score only means something together with this):
# - Gate: every unit test (and, unless UNIT_ONLY=1, every integration test).
# - Storage and Sync: every unit test plus the integration tests of their own area, listed below. Every integration
#   test opens a store and most of them sync, so coverage analysis cannot rule a single one out for a mutant on the
#   open, write or sync path, and each such mutant would rerun the whole integration suite (about a minute on two
#   cores): several hundred mutants would take many hours. The soak and stress tests (offline reconnect, fault
#   tolerance, crash, eight concurrent writers, large stores, streaming exports) are left out; what they prove is
#   asserted on a smaller scale by the tests kept. Set MUTATION_FILTER to override the filter (empty: every test).
# - Rights: every unit test plus the rights integration tests (aliases, erasure, access, the bad-input corpus).
# - Preferences and Alerts: every unit test plus the integration tests of their own folder (send guard, crash, alerts).
# - AspNetCore/<folder>, Testing and Testing/<folder>: every test of that package's own test project (browser tests
#   included: they drive the package in-process, so they run against each mutant they cover).
# - Calls of the generated logging methods (Log.*) are not mutated: their arguments only shape log lines.
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

unit='FullyQualifiedName~Cpm.Sdk.Tests.'
it='FullyQualifiedName~Cpm.Sdk.IntegrationTests.'
filter_for() {
  case "$1" in
    Storage) echo "$unit|${it}Store.|${it}ReopenTests|${it}DurabilityTests|${it}StoreRefusalTests|${it}Jurisdictions." ;;
    Rights) echo "$unit|${it}Rights." ;;
    Preferences) echo "$unit|${it}Preferences." ;;
    Alerts) echo "$unit|${it}Alerts." ;;
    Sync) echo "$unit|(${it}Sync.&FullyQualifiedName!~OfflineReconnectTests&FullyQualifiedName!~FaultToleranceTests)|${it}Audit.HistoryCheckTests|${it}Audit.CheckpointKeyTests|${it}Evidence.ServerReceiptTests" ;;
    *) echo "" ;;
  esac
}

for folder in "${folders[@]}"; do
  # "<Package>/<folder>" or "<Package>" names another package of src/ (Cpm.Sdk.<Package>), tested by its own tests.
  package=""
  case "$folder" in
    AspNetCore|AspNetCore/*|Testing|Testing/*) package=${folder%%/*} ;;
  esac
  if [ -n "$package" ]; then
    project_dir="src/Cpm.Sdk.$package"
    project_file="Cpm.Sdk.$package.csproj"
    tests=(--test-project "$root/tests/Cpm.Sdk.$package.Tests/Cpm.Sdk.$package.Tests.csproj")
    sub=${folder#"$package"}
    default_glob="**/*.cs"
    if [ -n "$sub" ]; then
      default_glob="**${sub}/**/*.cs"
    fi
    filter=${MUTATION_FILTER-}
  else
    project_dir="src/Cpm.Sdk"
    project_file="Cpm.Sdk.csproj"
    tests=("${test_projects[@]}")
    default_glob="**/$folder/**/*.cs"
    filter=${MUTATION_FILTER-$(filter_for "$folder")}
  fi
  out="$root/artifacts/mutation/$folder"
  filter_args=()
  if [ -n "$filter" ]; then
    filter_args=(--test-case-filter "$filter")
  fi
  mutate_args=()
  IFS=';' read -r -a globs <<< "${MUTATE:-$default_glob}"
  for glob in "${globs[@]}"; do
    mutate_args+=(--mutate "$glob")
  done
  echo "== mutating $project_dir ${folder#"$package"} (${MUTATE:-every file}); tests: ${filter:-all}"
  rm -rf "$out"
  mkdir -p "$out"
  # ignore-methods is read from a config file only.
  printf '{ "stryker-config": { "ignore-methods": [ "Log.*", "TrackingLog.*", "GpcLog.*", "ConsentApiLog.*" ] } }\n' > "$out/stryker-config.json"
  (cd "$project_dir" && dotnet stryker \
    --project "$project_file" \
    "${tests[@]}" \
    "${mutate_args[@]}" \
    "${filter_args[@]}" \
    --config-file "$out/stryker-config.json" \
    --concurrency "${CONCURRENCY:-2}" \
    --reporter html --reporter json --reporter progress --reporter cleartext \
    --output "$out" \
    --skip-version-check)
done
