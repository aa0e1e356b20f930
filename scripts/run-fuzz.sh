#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang) and runs each for a bounded time from a copy of
# its seed corpus, tests/fuzz/corpus/<target>/; any crash, failed check, leak, timeout or sanitizer
# report fails the run; the input that caused it and the log are kept in <build>/fuzz-failures/.
#   scripts/run-fuzz.sh [seconds per target, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
build=${BUILD_DIR:-build-fuzz}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DHARAJCHAT_FUZZ=ON -DHARAJCHAT_TESTS=OFF -DHARAJCHAT_CONSOLE=OFF -DHARAJCHAT_BENCH=OFF
cmake --build "$build" -j"$(nproc)" --target fuzz_targets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures="$PWD/$build/fuzz-failures"
mkdir -p "$failures"
failed=()
# One target per line, as tests/fuzz/CMakeLists.txt declares them.
while read -r target; do
    seeds=tests/fuzz/corpus/$target
    if [ ! -d "$seeds" ]; then
        echo "run-fuzz: $target has no seeds in $seeds"
        failed+=("$target")
        continue
    fi
    cp -r "$seeds" "$work/$target"
    # -timeout: an input that takes seconds is a hang; -rss_limit_mb: four times what the targets
    # peak at (about 500 MB, ASan's quarantine included) is a runaway allocation. The log is
    # thousands of progress lines: kept, and shown in part.
    log="$failures/$target.log"
    if "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$failures/$target-" -print_final_stats=1 "$work/$target" \
        </dev/null >"$log" 2>&1; then
        echo "run-fuzz: $target: $(grep -m1 '^Done' "$log"), corpus $(ls "$work/$target" | wc -l)" \
            "inputs, peak $(grep -m1 peak_rss_mb "$log" | tr -s ' ' | cut -d' ' -f2) MB"
        rm "$log"
    else
        grep -E -m3 'FUZZ_CHECK|ERROR:|runtime error' "$log" || true
        tail -n 40 "$log"
        echo "run-fuzz: $target FAILED (whole log: $log)"
        failed+=("$target")
    fi
done <"$build/tests/fuzz/targets.txt"
if [ ${#failed[@]} -gt 0 ]; then
    echo "run-fuzz: FAILED: ${failed[*]} (inputs in $failures; replay one: <target> <input>)"
    exit 1
fi
echo "run-fuzz: every target ran ${seconds} s without a failure"
