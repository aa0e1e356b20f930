#!/usr/bin/env bash
# Every test stage CI runs (the README's test command), each in its own build folder:
# the suites (gcc, warnings as errors, format check), the same suites on the portable paths, the
# fuzz targets, and the suites under AddressSanitizer and UndefinedBehaviorSanitizer (clang, which
# also builds the console with clang and -Werror, as on macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
for stage in run-tests run-portable-tests run-fuzz run-sanitized-tests; do
    start=$SECONDS
    echo "== $stage"
    "scripts/$stage.sh"
    echo "== $stage: passed in $((SECONDS - start)) s"
done
