#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer (clang) and runs every
# test suite once; any report (memory error, leak, undefined behaviour) fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-asan}
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DHARAJCHAT_WERROR=ON -DHARAJCHAT_TESTS=ON -DHARAJCHAT_BENCH=OFF
cmake --build "$build" -j"$(nproc)"
# Leaks are checked at each exit with nothing suppressed: Qt and the system libraries leave no
# false reports here. The daemons the suites start inherit these: a report makes them exit with an
# error.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
scripts/run-ctest.sh "$build"
