#!/usr/bin/env bash
# The one test command: starts a throwaway PostgreSQL (installing Debian's packages where missing), loads our schema,
# installs Debian's chromium for the browser tests when missing, builds the solution, runs every test project against
# it, stops the server and prints "N passed, N failed".
# Usage: deploy/local/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Sync]
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/grid-test.XXXXXX")
# The server runs as the postgres user when we are root: it must be able to reach its directory.
chmod 755 "$work"
pg_dir="$work/pg"
pg_port=${GRID_TEST_PG_PORT:-55432}
results="$work/results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cleanup() {
  "$root/deploy/local/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> PostgreSQL: starting a throwaway server on 127.0.0.1:$pg_port"
if ! pg_out=$("$root/deploy/local/postgres.sh" start "$pg_dir" "$pg_port"); then
  echo "$pg_out"
  echo "PostgreSQL could not be started; the tests that need it cannot run."
  echo "0 passed, 1 failed"
  exit 1
fi
export GRID_TEST_POSTGRES=$(printf '%s\n' "$pg_out" | tail -n 1)
echo "    $GRID_TEST_POSTGRES"

# The browser tests drive Debian's chromium (never a browser Playwright would download): install it when missing.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Chromium: installing Debian's chromium package (apt-get) for the browser tests"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } >&2; then
    echo "Chromium could not be installed (run this script as root on a fresh machine); the browser tests cannot run."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

echo "==> Building"
if ! dotnet build Grid.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=normal" "$@" \
    | grep -vE '^\s*$'
  status=${PIPESTATUS[0]}
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    e=$(printf '%s' "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
    if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ] && [ "${e:-0}" -eq 0 ]; then
      echo "    $name: the test run exited with $status without a failed test (crash or no tests): counted as one failure"
      failed=$((failed + 1))
    fi
  else
    echo "    $name: no results were written (the test host did not run): counted as one failure"
    failed=$((failed + 1))
  fi
done

# The closing lines name what failed, so a log cut to its tail still says which tests to look at.
if [ "$failed" -ne 0 ]; then
  echo "==> Failed tests"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" \
      | sed -n 's/.*testName="\([^"]*\)".*/    \1/p' | sed 's/&quot;/"/g; s/&amp;/\&/g' | head -n 20
  done
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
