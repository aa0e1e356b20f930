// harajchat-bench: the load generator of issue #7. See bench/README.md.
#include "Scenarios.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <sys/resource.h>

namespace {
const char Usage[] =
    "usage: harajchat-bench <connect-storm|chat|fanout|push> [--name value ...]\n"
    "common:        --host 127.0.0.1 --port 8080 --server-pid PID --secret S --sources 8\n"
    "               --burst 2000 --burst-timeout 60 --out report.json\n"
    "connect-storm: --sockets 15000 --settle-seconds 3 --idle-seconds 30\n"
    "chat:          --pairs 1000 --rate 5000 --duration 60 --idle 10000\n"
    "               --http-connections 256 --pipeline 1 --drain-seconds 15\n"
    "fanout:        --listeners 10000 --cycles 20 [--floor-port P --floor-pid PID]\n"
    "push:          --pairs 1000 --rate 5000 --duration 60 --fcm-port 18490\n"
    "               --fcm-delay-ms 50 --transport fcm-legacy|fcm-v1 (for the report)\n";

// Tens of thousands of sockets: take every descriptor the hard limit allows.
void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}
} // namespace

int main(int argc, char **argv)
{
    raiseFileLimit();
    const bench::Options options(argc, argv);
    try {
        if (options.scenario() == "connect-storm")
            return bench::runConnectStorm(options);
        if (options.scenario() == "chat")
            return bench::runChat(options);
        if (options.scenario() == "fanout")
            return bench::runFanout(options);
        if (options.scenario() == "push")
            return bench::runPush(options);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "harajchat-bench: %s\n", error.what());
        return 2;
    }
    std::fputs(Usage, stderr);
    return 2;
}
