#include "HttpPool.h"
#include "ProcStats.h"
#include "Scenarios.h"

#include <cstdio>
#include <unistd.h>

namespace bench {

namespace {
constexpr std::int64_t TargetUser = 1;
constexpr std::int64_t StepTimeoutUs = 30'000'000;

struct FanoutFigures
{
    std::int64_t frames = 0;
    std::int64_t expected = 0;
    double seconds = 0;
    std::int64_t cpuUs = 0;
    std::size_t frameBytes = 0;
    std::int64_t generatorCpuUs = 0;

    double perSecond() const { return seconds > 0 ? double(frames) / seconds : 0; }
    double cpuPerFrameUs() const { return frames ? double(cpuUs) / double(frames) : 0; }
    JsonObject json() const
    {
        JsonObject object;
        object.add("frames", frames)
            .add("expected_frames", expected)
            .add("frame_bytes", frameBytes)
            .add("seconds", seconds)
            .add("frames_per_s", perSecond())
            .add("server_cpu_s", double(cpuUs) / 1e6)
            .add("server_cpu_us_per_frame", cpuPerFrameUs())
            .add("generator_cpu_s", double(generatorCpuUs) / 1e6);
        return object;
    }
};

// One user (id 1) comes online and goes offline again and again; L sockets of other users listen
// to them, so each change is one `pres` frame per listener. With --floor-port, the same frames are
// then broadcast by the bare Qt server of harajchat-bench-floor, measured the same way.
class FanoutRun
{
public:
    explicit FanoutRun(const Options &options);
    int run();

private:
    bool setUpDaemon();
    FanoutFigures measureDaemon();
    FanoutFigures measureFloor();
    FanoutFigures finish(FanoutFigures figures, std::int64_t start, const CpuMeter &server,
                         const CpuMeter &generator) const;
    bool awaitFrames(std::int64_t count);
    JsonObject parameters() const;

    const Options &m_options;
    const std::size_t m_listeners;
    const int m_cycles;
    EventLoop m_loop;
    Fleet m_fleet;
    std::int64_t m_frames = 0;
    std::string m_lastFrame;
};

FanoutRun::FanoutRun(const Options &options)
    : m_options(options)
    , m_listeners(std::size_t(options.number("listeners", 10000)))
    , m_cycles(int(options.number("cycles", 20)))
    , m_fleet(m_loop, fleetSettings(options))
{
    m_fleet.onPacket = [this](WsClient &, std::string_view packet) {
        ++m_frames;
        if (m_lastFrame.size() != packet.size())
            m_lastFrame.assign(packet);
    };
}

bool FanoutRun::awaitFrames(std::int64_t count)
{
    return m_loop.runUntil([&] { return m_frames >= count; }, StepTimeoutUs);
}

bool FanoutRun::setUpDaemon()
{
    if (m_fleet.connect(tokensFor(m_options, TargetUser + 1, m_listeners)).failed)
        return false;
    // Listening needs a p2p topic with the target; the target's JWT creates its user on first use.
    HttpPool pool(
        m_loop,
        makeEndpoint(m_options.text("host", "127.0.0.1"), int(m_options.number("port", 8080))), 16,
        1);
    const std::string targetToken = tokensFor(m_options, TargetUser, 1).front();
    std::size_t ok = 0;
    pool.open();
    for (std::size_t i = 0; i < m_listeners; ++i) {
        const std::string body = R"({"peer_id":)" + std::to_string(TargetUser + 1 + i) + '}';
        pool.post(httpPost("/chat/topics", targetToken, body),
                  [&ok](int status, std::string_view) { ok += status == 200 || status == 201; });
    }
    m_loop.runUntil([&] { return pool.idle(); }, 120'000'000);
    return ok == m_listeners &&
           m_fleet.listen(0, std::vector<std::int64_t>(m_listeners, TargetUser)) == 0;
}

// The figures of a measurement that began at `start` (µs) with the two meters started.
FanoutFigures FanoutRun::finish(FanoutFigures figures, std::int64_t start, const CpuMeter &server,
                                const CpuMeter &generator) const
{
    figures.seconds = double(nowUs() - start) / 1e6;
    figures.cpuUs = server.elapsedCpuUs();
    figures.generatorCpuUs = generator.elapsedCpuUs();
    figures.frames = m_frames;
    return figures;
}

FanoutFigures FanoutRun::measureDaemon()
{
    Fleet target(m_loop, fleetSettings(m_options));
    const std::vector<std::string> token = tokensFor(m_options, TargetUser, 1);
    FanoutFigures figures;
    figures.expected = std::int64_t(2 * m_cycles) * std::int64_t(m_listeners);
    m_frames = 0;
    CpuMeter cpu(serverPid(m_options));
    const CpuMeter selfCpu(getpid());
    const std::int64_t start = nowUs();
    for (int cycle = 0; cycle < m_cycles; ++cycle) {
        const std::int64_t base = std::int64_t(2 * cycle) * std::int64_t(m_listeners);
        // Online: a fresh socket authenticates; offline: it drops, as a phone losing network.
        if (target.connect(token).failed || !awaitFrames(base + std::int64_t(m_listeners)))
            break;
        target.client(target.size() - 1).drop();
        if (!awaitFrames(base + 2 * std::int64_t(m_listeners)))
            break;
    }
    figures.frameBytes = m_lastFrame.size();
    return finish(figures, start, cpu, selfCpu);
}

FanoutFigures FanoutRun::measureFloor()
{
    FleetSettings settings = fleetSettings(m_options);
    settings.port = int(m_options.number("floor-port", 0));
    // The floor answers each socket's first frame like an auth, then broadcasts what it is sent.
    Fleet listeners(m_loop, settings);
    Fleet trigger(m_loop, settings);
    listeners.onPacket = m_fleet.onPacket;
    FanoutFigures figures;
    if (listeners.connect(std::vector<std::string>(m_listeners, "floor")).failed ||
        trigger.connect({"floor"}).failed) {
        std::fprintf(stderr, "fanout: could not connect every socket to the floor server\n");
        return figures;
    }
    figures.expected = std::int64_t(2 * m_cycles) * std::int64_t(m_listeners);
    const std::string frame = m_lastFrame; // the daemon's own pres frame, same size
    m_frames = 0;
    CpuMeter cpu(pid_t(m_options.number("floor-pid", 0)));
    const CpuMeter selfCpu(getpid());
    const std::int64_t start = nowUs();
    for (std::int64_t round = 1; round <= 2 * m_cycles; ++round) {
        trigger.client(0).sendText(frame);
        if (!awaitFrames(round * std::int64_t(m_listeners)))
            break;
    }
    figures.frameBytes = frame.size();
    return finish(figures, start, cpu, selfCpu);
}

JsonObject FanoutRun::parameters() const
{
    JsonObject object;
    object.add("listeners", m_listeners).add("cycles", m_cycles).add("frames_per_cycle", 2);
    return object;
}

int FanoutRun::run()
{
    if (!setUpDaemon()) {
        std::fprintf(stderr, "fanout: set-up failed (sockets, topics or listen)\n");
        return 2;
    }
    const FanoutFigures daemon = measureDaemon();
    JsonObject results;
    results.add("daemon", daemon.json()).add("sockets_lost", m_fleet.lost());
    // Both fleets at once would need twice the descriptors (and a second source of noise).
    m_fleet.dropAll();
    m_loop.runFor(1'000'000);
    bool ok = daemon.frames == daemon.expected && m_fleet.lost() == 0;
    if (m_options.has("floor-port")) {
        const FanoutFigures floor = measureFloor();
        results.add("floor",
                    floor.json().add("dispatcher", m_options.text("floor-dispatcher", "?")));
        const double ratio =
            floor.cpuPerFrameUs() > 0 ? daemon.cpuPerFrameUs() / floor.cpuPerFrameUs() : 0.0;
        results.add("daemon_over_floor_cpu_per_frame", ratio);
        ok = ok && floor.frames == floor.expected;
    }
    writeReport(m_options,
                reportHead(m_options).add("parameters", parameters()).add("results", results));
    return ok ? 0 : 1;
}
} // namespace

int runFanout(const Options &options)
{
    FanoutRun run(options);
    return run.run();
}

} // namespace bench
