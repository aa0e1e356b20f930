#!/usr/bin/env bash
# Builds everything with warnings as errors, checks formatting, and runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-tests}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DHARAJCHAT_WERROR=ON -DHARAJCHAT_TESTS=ON
cmake --build "$build" -j"$(nproc)"
scripts/check-format.sh
scripts/run-ctest.sh "$build"
