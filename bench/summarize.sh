#!/usr/bin/env bash
# Prints the reports of one run (a results directory of bench/run.sh) as a Markdown table.
set -euo pipefail
dir=${1:?usage: summarize.sh RESULTS_DIR}

echo "| scenario | figure | value |"
echo "| --- | --- | --- |"
if [ -f "$dir/connect-storm.json" ]; then
    jq -r '.results as $r | .parameters as $p |
        ["connect-storm", "sockets authenticated / failed", "\($r.authenticated) / \($r.failed) of \($p.sockets)"],
        ["connect-storm", "time to all authenticated (ms)", ($r.time_to_all_authenticated_ms|tostring)],
        ["connect-storm", "slowest burst of \($p.burst) (ms)", ($r.slowest_burst_ms|tostring)],
        ["connect-storm", "server RSS per idle socket (bytes)", ($r.server_rss_bytes_per_socket|floor|tostring)],
        ["connect-storm", "server CPU while idle (%)", ($r.server_idle_cpu_percent|tostring)],
        ["connect-storm", "CPU stolen by the host during the run (%)", ($r.host_steal_percent|tostring)]
        | "| " + join(" | ") + " |"' "$dir/connect-storm.json"
fi
if [ -f "$dir/chat.json" ]; then
    jq -r '.results as $r | .parameters as $p |
        ["chat", "rate achieved (msg/s, target \($p.rate_per_s))", ($r.achieved_rate_per_s|tostring)],
        ["chat", "latency p50 / p99 / max (ms)", "\($r.latency_ms.p50) / \($r.latency_ms.p99) / \($r.latency_ms.max)"],
        ["chat", "errors: non-201 / unanswered / missing / duplicate", "\($r.errors_non_201) / \($r.unanswered) / \($r.missing_deliveries) / \($r.duplicate_deliveries)"],
        ["chat", "server CPU per delivered message (µs)", ($r.server_cpu_us_per_delivered|tostring)],
        ["chat", "server disk writes per delivered message (bytes / write calls)", "\($r.server_disk_write_bytes_per_delivered) / \($r.server_write_syscalls_per_delivered)"],
        ["chat", "CPU stolen by the host during the run (%)", ($r.host_steal_percent|tostring)],
        (if $p.postgres then ["chat", "PostgreSQL CPU per delivered message (µs)", ($r.postgres_cpu_us_per_delivered|tostring)] else empty end),
        (if $p.nodes == 2 then
            ["chat", "same-node latency p50 / p99 / max (ms)", "\($r.latency_same_node_ms.p50) / \($r.latency_same_node_ms.p99) / \($r.latency_same_node_ms.max)"],
            ["chat", "cross-node latency p50 / p99 / max (ms)", "\($r.latency_cross_node_ms.p50) / \($r.latency_cross_node_ms.p99) / \($r.latency_cross_node_ms.max)"]
         else empty end)
        | "| " + join(" | ") + " |"' "$dir/chat.json"
fi
if [ -f "$dir/fanout.json" ]; then
    jq -r '.results as $r |
        ["fanout", "daemon frames/s", ($r.daemon.frames_per_s|tostring)],
        ["fanout", "daemon CPU per pres frame (µs)", ($r.daemon.server_cpu_us_per_frame|tostring)],
        ["fanout", "floor frames/s", ($r.floor.frames_per_s|tostring)],
        ["fanout", "floor CPU per frame (µs)", ($r.floor.server_cpu_us_per_frame|tostring)],
        ["fanout", "daemon / floor CPU per frame", ($r.daemon_over_floor_cpu_per_frame|tostring)]
        | "| " + join(" | ") + " |"' "$dir/fanout.json"
fi
for push in push-legacy push-v1; do
    [ -f "$dir/$push.json" ] || continue
    jq -r --arg s "$push" '.results as $r | .parameters as $p |
        [$s, "rate achieved (msg/s, target \($p.rate_per_s)), FCM answering after \($p.fcm_delay_ms) ms", ($r.achieved_rate_per_s|tostring)],
        [$s, "push lag p50 / p99 / max (ms)", "\($r.push_lag_ms.p50) / \($r.push_lag_ms.p99) / \($r.push_lag_ms.max)"],
        [$s, "send latency p50 / p99 / max (ms)", "\($r.send_latency_ms.p50) / \($r.send_latency_ms.p99) / \($r.send_latency_ms.max)"],
        [$s, "pushes accepted / duplicated / missing; non-201", "\($r.pushes_accepted) / \($r.pushes_duplicated) / \($r.pushes_missing); \($r.errors_non_201)"],
        [$s, "FCM requests / connections (at most open)", "\($r.fcm_requests) / \($r.fcm_connections) (\($r.fcm_connections_open_at_most))"],
        [$s, "server CPU per message with its push (µs)", ($r.server_cpu_us_per_message|tostring)],
        [$s, "CPU stolen by the host during the run (%)", ($r.host_steal_percent|tostring)]
        | "| " + join(" | ") + " |"' "$dir/$push.json"
done
