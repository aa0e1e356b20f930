#!/usr/bin/env bash
# Installs what building Haraj Chat needs on Debian 12 (Qt 6.4 from Debian); with --tests, also
# the PostgreSQL server the *_pg test variants start a throwaway cluster of, and clang with its
# libFuzzer and sanitizer runtimes (libclang-rt-dev, only recommended by clang) and
# llvm-symbolizer (llvm), for the fuzzers and the sanitized suites.
set -euo pipefail
packages=(
    build-essential cmake clang-format
    qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql qt6-tools-dev
    qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-svg-dev libgl-dev libssl-dev
)
if [ "${1:-}" = "--tests" ]; then
    packages+=(postgresql clang libclang-rt-dev llvm)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
