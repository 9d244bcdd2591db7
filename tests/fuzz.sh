#!/usr/bin/env bash
# Fuzzes the callback decryptor, the contact-event parser and the mapping-expression parser with libFuzzer through
# SharpFuzz, each for a bounded time, starting from the bad-input corpus and the seeds in tests/Grid.Fuzz/seeds/.
# Installs what it needs: Debian's libclang-rt (libFuzzer) when clang lacks it, SharpFuzz.CommandLine as a local
# dotnet tool; builds its own libFuzzer front end (tests/Grid.Fuzz/driver). Findings (inputs that made a target throw
# anything but its own error) are written to $out/<target>/ (with the run's log beside them) and the script exits 1;
# replay one with `dotnet <Grid.Fuzz.dll> <target> <file>` and turn it into a corpus entry.
# Usage: tests/fuzz.sh [seconds per target, default 60] [targets, default "decrypt event expression"]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
targets=${2:-decrypt event expression}
out=${FUZZ_OUT:-$root/tests/Grid.Fuzz/findings}
work=$(mktemp -d "${TMPDIR:-/tmp}/grid-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

clang=$(command -v clang-14 || command -v clang || true)
if [ -z "$clang" ] || ! echo 'int LLVMFuzzerTestOneInput(const char*d,unsigned long s){return 0;}' \
    | "$clang" -x c -fsanitize=fuzzer -o "$work/probe" - 2>/dev/null; then
  echo "==> libFuzzer: installing Debian's clang and libclang-rt-14-dev"
  apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
  clang=$(command -v clang-14)
fi

echo "==> SharpFuzz.CommandLine (a local dotnet tool, in a manifest of the work directory)"
(cd "$work" && dotnet new tool-manifest >/dev/null && dotnet tool install SharpFuzz.CommandLine --version 2.3.0 >/dev/null)

echo "==> Building the targets and the libFuzzer front end"
dotnet publish tests/Grid.Fuzz -c Release -o "$work/bin" -nologo -clp:ErrorsOnly >/dev/null
for assembly in Grid.WeCom.dll Grid.Sync.dll; do
  (cd "$work" && dotnet tool run sharpfuzz "$work/bin/$assembly" >/dev/null)
done
"$clang" -O1 -fsanitize=fuzzer -o "$work/driver" tests/Grid.Fuzz/driver/grid-libfuzzer-dotnet.c

status=0
for target in $targets; do
  echo "==> $target: $seconds s"
  mkdir -p "$work/corpus/$target" "$out/$target"
  cp tests/Grid.Fuzz/seeds/"$target"/* "$work/corpus/$target/" 2>/dev/null || true
  if ! "$work/driver" --target_path="$(command -v dotnet)" --target_arg="$work/bin/Grid.Fuzz.dll $target" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$out/$target/" \
      -print_final_stats=1 "$work/corpus/$target" 2>"$out/$target.log"; then
    status=1
    echo "    $target: a finding (see $out/$target/)"
  fi
  grep -aE "^Done|stat::number_of_executed_units|stat::new_units_added|grid-libfuzzer-dotnet:|SUMMARY" "$out/$target.log" | sed 's/^/    /' || true
done
exit $status
