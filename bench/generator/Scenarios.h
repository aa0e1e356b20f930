#pragma once

#include "Fleet.h"
#include "Json.h"
#include "Options.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace bench {

// Each scenario drives the daemon given by --host/--port/--server-pid and writes one JSON report
// (--out, and stdout) holding its parameters, its figures and the command line that produced it.
int runConnectStorm(const Options &options);
int runChat(const Options &options);
int runFanout(const Options &options);
int runPush(const Options &options);

// Shared by the scenarios.
FleetSettings fleetSettings(const Options &options);
pid_t serverPid(const Options &options);
// Tokens for users first .. first + count - 1, named "bench<id>".
std::vector<std::string> tokensFor(const Options &options, std::int64_t first, std::size_t count);
// The report's common head: scenario, command line, host, time.
JsonObject reportHead(const Options &options);
void writeReport(const Options &options, const JsonObject &report);
// Writes a load scenario's report: its parameters, and its results followed by the server's memory,
// the generator's own CPU and the CPU the host stole over the run.
void writeLoadReport(const Options &options, const JsonObject &parameters, JsonObject results,
                     pid_t server, std::int64_t generatorCpuUs, double hostStealPercent);
JsonObject connectFigures(const struct ConnectReport &connect);
// count, p50, p90, p99, p999, max and mean, in milliseconds.
JsonObject latencyFigures(class LatencyRecorder &recorder);

} // namespace bench
