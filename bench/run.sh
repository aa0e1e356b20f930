#!/usr/bin/env bash
# Runs the benchmark scenarios of issue #7 against a real harajchatd: builds (or uses --build-dir),
# starts a fresh daemon per scenario (temp database, generated config), runs harajchat-bench, and
# writes one JSON report per scenario to the results directory. Linux only. See bench/README.md.
#
#   bench/run.sh [--quick] [--build-dir DIR] [--results DIR] [--scenarios connect-storm,chat,fanout]
#   bench/run.sh --push ...     the push scenarios (push-legacy, push-v1): offline recipients
#   bench/run.sh --postgres [--nodes 2] ...   the daemons on a throwaway PostgreSQL (durable
#                               settings); chat with 2 nodes spreads the users over both
#
# Sizes come from the environment (full-size defaults; --quick picks small ones):
#   SOCKETS BURST IDLE_SECONDS          connect-storm
#   PAIRS RATE DURATION IDLE HTTP_CONNECTIONS PIPELINE   chat
#   LISTENERS CYCLES FLOOR_DISPATCHER    fanout and its floor (dispatcher epoll, as the daemon, or qt)
#   PUSH_PAIRS PUSH_RATE PUSH_DURATION FCM_DELAY_MS MAX_IN_FLIGHT   push (FCM answers after the delay)
#   SOURCES (loopback source addresses), SYNCHRONOUS (SQLite pragma, default FULL),
#   COMMIT_DELAY (storage/commit_delay; unset: the daemon's default), PORT
#   DAEMON: another harajchatd binary to measure (e.g. an older build), instead of the built one
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
quick=0
build_dir=""
results=""
scenarios="connect-storm,chat,fanout"
postgres=0
nodes=1
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=1 ;;
    --build-dir) build_dir=$2; shift ;;
    --results) results=$2; shift ;;
    --scenarios) scenarios=$2; shift ;;
    --push) scenarios="push-legacy,push-v1" ;;
    --postgres) postgres=1 ;;
    --nodes) nodes=$2; shift ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$nodes" != 1 ] && { [ "$nodes" != 2 ] || [ "$postgres" = 0 ]; }; then
    echo "run.sh: --nodes 2 needs --postgres (nodes share one PostgreSQL database)" >&2
    exit 2
fi
if [ "$quick" = 1 ]; then
    : "${SOCKETS:=2000}" "${BURST:=1000}" "${IDLE_SECONDS:=3}"
    : "${PAIRS:=50}" "${RATE:=500}" "${DURATION:=5}" "${IDLE:=500}"
    : "${LISTENERS:=500}" "${CYCLES:=5}"
    : "${PUSH_PAIRS:=100}" "${PUSH_RATE:=500}" "${PUSH_DURATION:=5}"
else
    : "${SOCKETS:=15000}" "${BURST:=2000}" "${IDLE_SECONDS:=30}"
    : "${PAIRS:=1000}" "${RATE:=5000}" "${DURATION:=60}" "${IDLE:=10000}"
    : "${LISTENERS:=10000}" "${CYCLES:=20}"
    : "${PUSH_PAIRS:=1000}" "${PUSH_RATE:=5000}" "${PUSH_DURATION:=60}"
fi
: "${FCM_DELAY_MS:=50}" "${MAX_IN_FLIGHT:=}"
: "${COMMIT_DELAY:=}" "${FLOOR_DISPATCHER:=epoll}" "${HTTP_CONNECTIONS:=256}" "${PIPELINE:=1}" "${SOURCES:=8}" "${SYNCHRONOUS:=FULL}" "${PORT:=18480}"
secret="bench-secret-$RANDOM$RANDOM"

# Build unless a build directory was given.
if [ -z "$build_dir" ]; then
    build_dir="$repo/build"
    cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHARAJCHAT_BENCH=ON >/dev/null
    cmake --build "$build_dir" -j"$(nproc)" --target harajchatd harajchat-bench harajchat-bench-floor
fi
daemon=${DAEMON:-"$build_dir/server/harajchatd"}
generator="$build_dir/bench/harajchat-bench"
floor="$build_dir/bench/harajchat-bench-floor"
for binary in "$daemon" "$generator" "$floor"; do
    [ -x "$binary" ] || { echo "run.sh: missing $binary" >&2; exit 2; }
done
results=${results:-"$repo/bench/results/$(date -u +%Y%m%dT%H%M%SZ)$([ "$quick" = 1 ] && echo -quick || true)"}
mkdir -p "$results"

# Tens of thousands of sockets per process: lift the descriptor limit (root may exceed the hard one).
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/harajchat-bench.XXXXXX)
pids=()
pg_dir=""
cleanup() {
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pids=()
    [ -z "$pg_dir" ] || "$repo/tests/postgres/test-cluster.sh" stop "$pg_dir"
    pg_dir=""
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local port=$1
    while ss -Hltn "sport = :$port" | grep -q .; do port=$((port + 1)); done
    echo "$port"
}

# With --postgres: a throwaway PostgreSQL server with its default (durable) settings and a fresh
# database; sets pg_port and pg_pid (the postmaster, whose children are its backends).
start_postgres() {
    pg_dir="$work/pg"
    chmod 755 "$work" # the server runs as `postgres` under root
    "$repo/tests/postgres/test-cluster.sh" start "$pg_dir" durable >/dev/null
    pg_port=$(cat "$pg_dir/port")
    pg_pid=$(head -n1 "$pg_dir/data/postmaster.pid")
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE harajchat"
}

# Starts a daemon with a fresh database (or, with --postgres, the shared one); sets daemon_pid and
# daemon_port. More INI text (a [push] section) may follow the name.
start_daemon() {
    local name=$1 extra_ini=${2:-} dir="$work/$1"
    mkdir -p "$dir"
    daemon_port=$(free_port "$PORT")
    local storage="path = $dir/harajchat.sqlite
synchronous = $SYNCHRONOUS"
    if [ "$postgres" = 1 ]; then
        storage="driver = postgres
host = 127.0.0.1
port = $pg_port
database = harajchat
user = postgres"
    fi
    cat >"$dir/harajchatd.ini" <<INI
[server]
listen = 127.0.0.1:$daemon_port
[storage]
$storage${COMMIT_DELAY:+
commit_delay = $COMMIT_DELAY}
[auth]
jwt_secret = $secret
[admin]
listen = off
$extra_ini
INI
    "$daemon" --config "$dir/harajchatd.ini" >"$results/daemon-$name.log" 2>&1 &
    daemon_pid=$!
    pids+=("$daemon_pid")
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$daemon_port/healthz" >/dev/null && return 0
        sleep 0.1
    done
    echo "run.sh: daemon did not start, see $results/daemon-$name.log" >&2
    return 1
}

stop_all() {
    cleanup
    work=$(mktemp -d /tmp/harajchat-bench.XXXXXX)
}

# Runs the generator, bounded in time; the report goes to $results/<scenario>.json.
run_generator() {
    local scenario=$1 limit=$2
    shift 2
    echo "== $scenario" >&2
    timeout --kill-after=10 "$limit" "$generator" "$scenario" --port "$daemon_port" \
        --server-pid "$daemon_pid" --secret "$secret" --sources "$SOURCES" \
        --out "$results/$scenario.json" "$@" || echo "run.sh: $scenario exited with $?" >&2
}

# The [push] section of a push scenario's daemon: it pushes to the generator's loopback FCM.
push_settings() {
    local scenario=$1
    echo "[push]"
    echo "max_in_flight = ${MAX_IN_FLIGHT:-512}"
    if [ "$scenario" = push-legacy ]; then
        printf 'transport = fcm-legacy\nserver_key = bench-key\nendpoint = http://127.0.0.1:%s/fcm/send\n' "$fcm_port"
        return
    fi
    # A throwaway service account: the daemon signs its OAuth2 assertions with this key.
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
    local key
    key=$(awk '{printf "%s\\n", $0}' "$work/key.pem")
    cat >"$work/service-account.json" <<JSON
{"type": "service_account", "project_id": "bench", "client_email": "bench@bench.iam.gserviceaccount.com",
 "private_key": "$key", "token_uri": "http://127.0.0.1:$fcm_port/token"}
JSON
    printf 'transport = fcm-v1\ncredentials = %s\nendpoint = http://127.0.0.1:%s\n' \
        "$work/service-account.json" "$fcm_port"
}

for scenario in ${scenarios//,/ }; do
    extra_ini=""
    if [[ $scenario == push-* ]]; then
        fcm_port=$(free_port $((PORT + 10)))
        extra_ini=$(push_settings "$scenario")
    fi
    [ "$postgres" = 0 ] || start_postgres
    start_daemon "$scenario" "$extra_ini"
    # With --postgres, the generator measures PostgreSQL's CPU too; a second node for chat.
    more=()
    [ "$postgres" = 0 ] || more+=(--postgres-pid "$pg_pid")
    if [ "$nodes" = 2 ] && [ "$scenario" = chat ]; then
        first_port=$daemon_port first_pid=$daemon_pid
        PORT=$((daemon_port + 1)) start_daemon "$scenario-b"
        more+=(--port2 "$daemon_port" --server-pid2 "$daemon_pid")
        daemon_port=$first_port daemon_pid=$first_pid
    fi
    case "$scenario" in
    connect-storm)
        run_generator connect-storm $((120 + SOCKETS / 50 + IDLE_SECONDS)) \
            --sockets "$SOCKETS" --burst "$BURST" --idle-seconds "$IDLE_SECONDS"
        ;;
    chat)
        run_generator chat $((180 + (IDLE + 2 * PAIRS) / 50 + DURATION)) \
            --pairs "$PAIRS" --rate "$RATE" --duration "$DURATION" --idle "$IDLE" --burst "$BURST" \
            --http-connections "$HTTP_CONNECTIONS" --pipeline "$PIPELINE" "${more[@]}"
        ;;
    fanout)
        "$floor" 0 "$FLOOR_DISPATCHER" >"$work/floor.port" 2>"$results/floor.log" &
        pids+=("$!")
        floor_pid=$!
        for _ in $(seq 50); do [ -s "$work/floor.port" ] && break; sleep 0.1; done
        run_generator fanout $((180 + LISTENERS / 50 + 2 * CYCLES)) \
            --listeners "$LISTENERS" --cycles "$CYCLES" --burst "$BURST" \
            --floor-port "$(cat "$work/floor.port")" --floor-pid "$floor_pid" \
            --floor-dispatcher "$FLOOR_DISPATCHER"
        ;;
    push-legacy | push-v1)
        run_generator push $((180 + PUSH_PAIRS / 50 + PUSH_DURATION)) \
            --pairs "$PUSH_PAIRS" --rate "$PUSH_RATE" --duration "$PUSH_DURATION" \
            --fcm-port "$fcm_port" --fcm-delay-ms "$FCM_DELAY_MS" --transport "${scenario#push-}" \
            --http-connections "$HTTP_CONNECTIONS"
        mv "$results/push.json" "$results/$scenario.json" 2>/dev/null || true
        ;;
    *) echo "run.sh: unknown scenario $scenario" >&2 ;;
    esac
    stop_all
done

"$here/summarize.sh" "$results" | tee "$results/summary.md"
echo "reports in $results"
