#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to PublicAPI.Unshipped.txt,
# and drops declared symbols that no longer exist (RS0017). Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/../src/Cpm.Sdk"
log=$(dotnet build --no-incremental 2>&1 || true)
added=$(grep -oE "RS0016: Symbol '[^']+'" <<<"$log" | sed -E "s/RS0016: Symbol '(.*)'/\1/" | sort -u || true)
removed=$(grep -oE "RS0017: Symbol '[^']+'" <<<"$log" | sed -E "s/RS0017: Symbol '(.*)'/\1/" | sort -u || true)
{
  echo '#nullable enable'
  { grep -v '^#nullable' PublicAPI.Unshipped.txt || true; [ -n "$added" ] && echo "$added"; } \
    | grep -vxF -f <(printf '%s\n' "$removed" | sed '/^$/d'; echo '__none__') | sed '/^$/d' | sort -u
} > PublicAPI.Unshipped.txt.new
mv PublicAPI.Unshipped.txt.new PublicAPI.Unshipped.txt
echo "added $(printf '%s' "$added" | grep -c . || true), removed $(printf '%s' "$removed" | grep -c . || true)"
