#include "ProcStats.h"
#include "Scenarios.h"

#include <unistd.h>

namespace bench {

// N sockets connect and authenticate in bursts; then the daemon's memory per socket and its CPU
// while every socket sits idle (pings included) are read from /proc.
int runConnectStorm(const Options &options)
{
    const std::size_t sockets = std::size_t(options.number("sockets", 15000));
    const std::int64_t settleUs = options.number("settle-seconds", 3) * 1'000'000;
    const std::int64_t idleUs = options.number("idle-seconds", 30) * 1'000'000;
    const pid_t pid = serverPid(options);
    EventLoop loop;
    Fleet fleet(loop, fleetSettings(options));

    const std::int64_t rssBeforeKb = processRssKb(pid);
    const CpuMeter selfCpu(getpid());
    const StealMeter steal;
    const ConnectReport connect = fleet.connect(tokensFor(options, 1, sockets));
    loop.runFor(settleUs); // lets the daemon finish what the storm queued (storage, frees)
    const std::int64_t rssAfterKb = processRssKb(pid);

    CpuMeter idleCpu(pid);
    const std::int64_t idleStart = nowUs();
    loop.runFor(idleUs); // answering pings, as real clients do
    const double idleSeconds = double(nowUs() - idleStart) / 1e6;
    const double idleCpuUs = double(idleCpu.elapsedCpuUs());

    const double perSocket = connect.authenticated
                                 ? double(rssAfterKb - rssBeforeKb) * 1024.0 / connect.authenticated
                                 : 0.0;
    JsonObject parameters;
    parameters.add("sockets", sockets)
        .add("burst", int(options.number("burst", 2000)))
        .add("sources", int(options.number("sources", 8)))
        .add("idle_seconds", double(idleUs) / 1e6);
    JsonObject results = connectFigures(connect);
    results.add("lost_after_auth", fleet.lost())
        .add("server_rss_before_kb", rssBeforeKb)
        .add("server_rss_after_kb", rssAfterKb)
        .add("server_rss_bytes_per_socket", perSocket)
        .add("server_idle_cpu_percent", idleCpuUs / idleSeconds / 1e4)
        .add("server_idle_cpu_us_per_s", idleCpuUs / idleSeconds)
        .add("generator_cpu_s", double(selfCpu.elapsedCpuUs()) / 1e6)
        .add("host_steal_percent", steal.percent());
    writeReport(options, reportHead(options).add("parameters", parameters).add("results", results));
    return connect.failed == 0 && fleet.lost() == 0 ? 0 : 1;
}

} // namespace bench
