#include "Jwt.h"
#include "Latency.h"
#include "ProcStats.h"
#include "Scenarios.h"

#include <ctime>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace bench {

FleetSettings fleetSettings(const Options &options)
{
    FleetSettings settings;
    settings.host = options.text("host", settings.host);
    settings.port = int(options.number("port", settings.port));
    settings.sources = int(options.number("sources", settings.sources));
    settings.burst = int(options.number("burst", settings.burst));
    settings.burstTimeoutUs = options.number("burst-timeout", 60) * 1'000'000;
    return settings;
}

pid_t serverPid(const Options &options)
{
    return pid_t(options.number("server-pid", 0));
}

std::vector<std::string> tokensFor(const Options &options, std::int64_t first, std::size_t count)
{
    const std::string secret = options.text("secret", "bench-secret");
    std::vector<std::string> tokens;
    tokens.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t id = first + std::int64_t(i);
        tokens.push_back(mintJwt(secret, id, "bench" + std::to_string(id)));
    }
    return tokens;
}

JsonObject reportHead(const Options &options)
{
    char when[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    JsonObject head;
    head.add("scenario", options.scenario())
        .add("command", options.commandLine())
        .add("started_at", std::string(when))
        .add("host", std::string(host))
        .add("cpus", std::int64_t(sysconf(_SC_NPROCESSORS_ONLN)));
    return head;
}

void writeReport(const Options &options, const JsonObject &report)
{
    const std::string text = report.text();
    std::cout << text << std::endl;
    const std::string path = options.text("out", "");
    if (!path.empty())
        std::ofstream(path) << text << '\n';
}

void writeLoadReport(const Options &options, const JsonObject &parameters, JsonObject results,
                     pid_t server, std::int64_t generatorCpuUs, double hostStealPercent)
{
    results.add("server_rss_kb", processRssKb(server))
        .add("generator_cpu_s", double(generatorCpuUs) / 1e6)
        .add("host_steal_percent", hostStealPercent);
    writeReport(options, reportHead(options).add("parameters", parameters).add("results", results));
}

JsonObject connectFigures(const ConnectReport &connect)
{
    JsonObject figures;
    figures.add("requested", connect.requested)
        .add("authenticated", connect.authenticated)
        .add("failed", connect.failed)
        .add("bursts", connect.bursts)
        .add("time_to_all_authenticated_ms", double(connect.elapsedUs) / 1000.0)
        .add("slowest_burst_ms", double(connect.slowestBurstUs) / 1000.0);
    return figures;
}

JsonObject latencyFigures(LatencyRecorder &recorder)
{
    const LatencySummary latency = recorder.summarize();
    JsonObject figures;
    figures.add("count", latency.count)
        .add("p50", latency.p50Ms)
        .add("p90", latency.p90Ms)
        .add("p99", latency.p99Ms)
        .add("p999", latency.p999Ms)
        .add("max", latency.maxMs)
        .add("mean", latency.meanMs);
    return figures;
}

} // namespace bench
