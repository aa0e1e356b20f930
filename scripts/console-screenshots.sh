#!/usr/bin/env bash
# Takes the pictures of docs/console/: a real harajchatd on a temporary database with a few users
# online and chatting (scripts/console_demo_clients.py), and harajchat-console under Xvfb in English
# and Arabic, which saves each of its views (--screenshots) after SECONDS of live data.
#
#   scripts/console-screenshots.sh [--build-dir DIR] [--seconds N] [--out DIR]
#
# Needs xvfb-run (Debian: xvfb), python3, and a font with Arabic letters (DejaVu Sans has them).
# Refresh the pictures whenever the console's look changes.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$repo/build"
seconds=40
out="$repo/docs/console"
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) build_dir=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --out) out=$2; shift ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "console-screenshots: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
command -v xvfb-run >/dev/null || { echo "console-screenshots: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }

[ -f "$build_dir/CMakeCache.txt" ] || cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j"${JOBS:-2}" --target harajchatd harajchat-console

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
admin_port=$(free_port)
admin_token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
cat >"$work/harajchatd.ini" <<INI
[server]
listen = 127.0.0.1:$port
[admin]
listen = 127.0.0.1:$admin_port
token = $admin_token
INI
daemon=("$build_dir/server/harajchatd" --config "$work/harajchatd.ini" --db "$work/chat.sqlite")

# Users as the marketplace has them; ids of different lengths show that they sort as numbers.
names=(abdullah_zagat mohammed_harbi sara_otaibi fahad_qahtani noura_shehri khalid_dosari)
ids=(7 20 123 1002 1012 40321)
clients=()
for i in "${!names[@]}"; do
    "${daemon[@]}" add-user --name "${names[$i]}" --password secret --id "${ids[$i]}" >/dev/null
    token=$("${daemon[@]}" issue-token --id "${ids[$i]}")
    clients+=("${ids[$i]}:$token:$((i % 3 == 0 ? 2 : 1))")
done

"${daemon[@]}" >"$work/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    grep -q "admin socket on" "$work/daemon.log" && break
    sleep 0.1
done
python3 "$repo/scripts/console_demo_clients.py" "$port" "${clients[@]}" &
pids+=($!)

mkdir -p "$out"
for language in en ar; do
    config="$work/config-$language"
    mkdir -p "$config/Haraj" "$work/shots-$language"
    cat >"$config/Haraj/harajchat-console.conf" <<CONF
[General]
language=$language

[connection]
url=ws://127.0.0.1:$admin_port/
token=$admin_token
CONF
    XDG_CONFIG_HOME="$config" QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" \
        "$build_dir/console/harajchat-console" --screenshots "$work/shots-$language" \
        --screenshots-after "$seconds"
    for shot in "$work/shots-$language"/*.png; do
        cp "$shot" "$out/$language-$(basename "$shot")"
    done
done
ls -l "$out"
