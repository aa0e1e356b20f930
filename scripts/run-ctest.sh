#!/usr/bin/env bash
# Runs every CTest suite of a build: scripts/run-ctest.sh <build-dir>.
# The suites run on a monotonic clock that reads like a machine booted a minute ago (a Linux time
# namespace; needs root), so that nothing passes only because this machine has been up for long.
set -euo pipefail
build=$1
just_booted=()
uptime_secs=$(cut -d. -f1 /proc/uptime 2>/dev/null || echo 0)
offset=$((60 - uptime_secs))
if unshare --time --monotonic "$offset" --boottime "$offset" true 2>/dev/null; then
    just_booted=(unshare --time --monotonic "$offset" --boottime "$offset")
    echo "run-ctest: the suites see a machine up for 60 s"
else
    echo "run-ctest: no time namespace here (not root?); the suites see this machine's own uptime"
fi
QT_QPA_PLATFORM=offscreen "${just_booted[@]}" ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
