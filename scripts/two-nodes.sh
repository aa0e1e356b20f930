#!/usr/bin/env bash
# Runs a local two-node Haraj Chat cluster: a throwaway PostgreSQL server, node A on :8080 (admin
# :8081) and node B on :8090 (admin :8091), both on one database. Ctrl+C stops everything.
#   scripts/two-nodes.sh [build-dir]      (default: build; build it first, see README)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
daemon="$build/server/harajchatd"
[[ -x "$daemon" ]] || { echo "no $daemon: build first" >&2; exit 1; }
work=$(mktemp -d /tmp/harajchat-two-nodes.XXXXXX)
chmod 755 "$work"
pg="$work/pg"

cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    wait 2>/dev/null || true
    tests/postgres/test-cluster.sh stop "$pg"
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

tests/postgres/test-cluster.sh start "$pg"
port=$(cat "$pg/port")
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE harajchat"

for node in a:8080:8081 b:8090:8091; do
    IFS=: read -r name http admin <<<"$node"
    cat >"$work/$name.ini" <<INI
[server]
listen = 127.0.0.1:$http
[storage]
driver = postgres
host = 127.0.0.1
port = $port
database = harajchat
user = postgres
[auth]
jwt_secret = local-two-node-secret
[admin]
listen = 127.0.0.1:$admin
INI
done

"$daemon" --config "$work/a.ini" add-user --name alice --password alice
"$daemon" --config "$work/a.ini" add-user --name bob --password bob
"$daemon" --config "$work/a.ini" &
"$daemon" --config "$work/b.ini" &
echo "node A: http://127.0.0.1:8080  node B: http://127.0.0.1:8090  (users alice/alice, bob/bob)"
wait
