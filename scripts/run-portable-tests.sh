#!/usr/bin/env bash
# Builds the daemon and the suites with the paths Windows and macOS run (Qt's own event dispatcher,
# buffered socket writes: -DHARAJCHAT_EPOLL_DISPATCHER=OFF) and runs every suite on them.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-portable}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DHARAJCHAT_WERROR=ON -DHARAJCHAT_TESTS=ON \
    -DHARAJCHAT_EPOLL_DISPATCHER=OFF -DHARAJCHAT_CONSOLE=OFF -DHARAJCHAT_BENCH=OFF
cmake --build "$build" -j"$(nproc)"
scripts/run-ctest.sh "$build"
