#!/usr/bin/env bash
# Starts or stops the throwaway PostgreSQL cluster the *_pg test variants (and the benchmark, and
# scripts/two-nodes.sh) run against:
#   test-cluster.sh start DIR [durable]   initdb in DIR, start on a free loopback port, write DIR/port
#   test-cluster.sh stop DIR              stop it and delete DIR
# Tests run without fsync; `durable` keeps PostgreSQL's defaults (fsync, synchronous_commit) and
# applies what docs/deployment.md tells operators to set, as the benchmark must.
# PostgreSQL refuses to run as root, so under root the cluster runs as the `postgres` user.
set -euo pipefail
action=$1
dir=$2
profile=${3:-test}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -x "$bindir/initdb" ]] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
    cd /
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    [[ -n "${KEEP_PG_LOG:-}" && -f "$dir/server.log" ]] && cp "$dir/server.log" "$KEEP_PG_LOG"
    rm -rf "$dir"
}

free_port() {
    for port in $(seq 55400 55600); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port in 55400-55600" >&2
    exit 1
}

case $action in
start)
    stop
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    cd "$dir" # the server's owner may not be allowed into the caller's directory
    as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log"
    port=$(free_port)
    if [[ $profile == durable ]]; then
        settings="-c max_connections=300 ${PG_EXTRA_SETTINGS:-}"
    else
        # fsync off: the tests kill daemons, never the database server's machine.
        settings="-c fsync=off -c max_connections=300"
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 $settings" start >/dev/null
    echo "$port" >"$dir/port"
    echo "test PostgreSQL cluster on 127.0.0.1:$port"
    ;;
stop)
    stop
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
