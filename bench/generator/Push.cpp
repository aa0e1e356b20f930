#include "FakeFcm.h"
#include "HttpPool.h"
#include "Latency.h"
#include "ProcStats.h"
#include "Scenarios.h"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace bench {

namespace {
constexpr int DefaultHttpConnections = 256;

// Reads the integer of `key` in a push body, where the message is an object (legacy) or a JSON
// string inside one (v1: `\"bk\":12`); -1 when absent.
std::int64_t numberOf(std::string_view body, std::string_view key)
{
    std::size_t at = body.find(key);
    if (at == std::string_view::npos)
        return -1;
    at += key.size();
    while (at < body.size() && (body[at] == '\\' || body[at] == '"' || body[at] == ':'))
        ++at;
    return std::strtoll(body.data() + at, nullptr, 10);
}

// P pairs (users 2i+1 and 2i+2) where the recipient has one Android device and no socket: every
// message is delivered as a push, through the loopback FCM of this process, which answers after
// a fixed delay. Each message carries its number and intended send time, so FCM's receipt yields
// the push lag.
class PushRun
{
public:
    explicit PushRun(const Options &options);
    int run();

private:
    bool setUp();
    bool postAll(const std::vector<std::string> &requests, std::initializer_list<int> accepted);
    void sendDue();
    void send(std::int64_t k);
    void pushed(std::string_view body, std::int64_t atUs);
    std::int64_t missingPushes() const;
    void report(double sendSeconds, std::int64_t cpuUs);

    const Options &m_options;
    const std::int64_t m_pairs;
    const double m_rate;
    const std::int64_t m_total;
    const pid_t m_pid;
    EventLoop m_loop;
    FakeFcm m_fcm;
    HttpPool m_pool;
    std::vector<std::string> m_tokens;        // of users 1 .. 2P
    std::vector<std::uint8_t> m_pushes;       // per message: how many pushes FCM took
    std::vector<std::uint8_t> m_acknowledged; // per message: answered 201
    LatencyRecorder m_sendLatency;
    LatencyRecorder m_pushLag;
    std::int64_t m_start = 0;
    std::int64_t m_sent = 0;
    std::int64_t m_created = 0;
    std::int64_t m_refused = 0;
    std::int64_t m_accepted = 0;
    std::int64_t m_duplicates = 0;
    std::int64_t m_generatorCpuUs = 0;
    double m_hostStealPercent = 0;
};

PushRun::PushRun(const Options &options)
    : m_options(options)
    , m_pairs(options.number("pairs", 1000))
    , m_rate(options.real("rate", 5000))
    , m_total(std::int64_t(m_rate * options.real("duration", 60)))
    , m_pid(serverPid(options))
    , m_fcm(m_loop, int(options.number("fcm-port", 18490)),
            options.number("fcm-delay-ms", 50) * 1000)
    , m_pool(m_loop,
             makeEndpoint(options.text("host", "127.0.0.1"), int(options.number("port", 8080))),
             int(options.number("http-connections", DefaultHttpConnections)), 1)
{
    m_pushes.resize(std::size_t(m_total));
    m_acknowledged.resize(std::size_t(m_total));
    m_sendLatency.reserve(std::size_t(m_total));
    m_pushLag.reserve(std::size_t(m_total));
    m_fcm.onPush = [this](std::string_view body, std::int64_t atUs) { pushed(body, atUs); };
}

bool PushRun::postAll(const std::vector<std::string> &requests, std::initializer_list<int> accepted)
{
    std::size_t ok = 0;
    for (const std::string &request : requests) {
        m_pool.post(request, [&ok, accepted](int status, std::string_view) {
            ok += std::find(accepted.begin(), accepted.end(), status) != accepted.end();
        });
    }
    m_loop.runUntil([this] { return m_pool.idle(); }, 120'000'000, [this] { m_fcm.tick(); });
    return ok == requests.size();
}

bool PushRun::setUp()
{
    m_tokens = tokensFor(m_options, 1, std::size_t(2 * m_pairs));
    if (!m_pool.open())
        return false;
    // The recipients' devices first (their JWT creates their user rows), then the topics.
    std::vector<std::string> devices;
    std::vector<std::string> topics;
    for (std::int64_t i = 0; i < m_pairs; ++i) {
        const std::int64_t recipient = 2 * i + 2;
        devices.push_back(httpRequest("PUT", "/chat/devices", m_tokens[std::size_t(recipient - 1)],
                                      R"({"platform":"android","token":"bench-device-)" +
                                          std::to_string(recipient) + "\"}"));
        topics.push_back(httpPost("/chat/topics", m_tokens[std::size_t(2 * i)],
                                  R"({"peer_id":)" + std::to_string(recipient) + '}'));
    }
    return postAll(devices, {200}) && postAll(topics, {200, 201});
}

int PushRun::run()
{
    if (!m_fcm.listening() || !setUp()) {
        std::fprintf(stderr, "push: set-up failed (fake FCM, devices or topics)\n");
        return 2;
    }
    CpuMeter cpu(m_pid);
    const CpuMeter selfCpu(getpid());
    const StealMeter steal;
    m_start = nowUs();
    m_loop.runUntil([this] { return m_sent >= m_total; }, INT64_MAX,
                    [this] {
                        sendDue();
                        m_fcm.tick();
                    });
    const double sendSeconds = double(nowUs() - m_start) / 1e6;
    const std::int64_t timeoutUs = m_options.number("drain-seconds", 15) * 1'000'000;
    m_loop.runUntil([this] { return m_pool.idle() && m_accepted >= m_created; }, timeoutUs,
                    [this] { m_fcm.tick(); });
    const std::int64_t cpuUs = cpu.elapsedCpuUs();
    m_generatorCpuUs = selfCpu.elapsedCpuUs();
    m_hostStealPercent = steal.percent();
    report(sendSeconds, cpuUs);
    return m_refused == 0 && missingPushes() == 0 && m_duplicates == 0 ? 0 : 1;
}

void PushRun::sendDue()
{
    const auto due = std::int64_t(double(nowUs() - m_start) * m_rate / 1e6) + 1;
    while (m_sent < std::min(due, m_total))
        send(m_sent++);
}

void PushRun::send(std::int64_t k)
{
    const std::int64_t pair = k % m_pairs;
    const auto intendedUs = m_start + std::int64_t(double(k) * 1e6 / m_rate);
    const std::string body = R"({"content":{"type":"text/plain","payload":{"text":"bench push",)"
                             R"("bk":)" +
                             std::to_string(k) + R"(,"bt":)" + std::to_string(intendedUs) + "}}}";
    const std::string topic =
        "p2p" + std::to_string(2 * pair + 1) + '_' + std::to_string(2 * pair + 2);
    m_pool.post(
        httpPost("/chat/topics/" + topic + "/messages", m_tokens[std::size_t(2 * pair)], body),
        [this, k, intendedUs](int status, std::string_view) {
            ++(status == 201 ? m_created : m_refused);
            m_acknowledged[std::size_t(k)] = status == 201;
            m_sendLatency.add(nowUs() - intendedUs);
        });
}

void PushRun::pushed(std::string_view body, std::int64_t atUs)
{
    const std::int64_t k = numberOf(body, "bk");
    const std::int64_t intendedUs = numberOf(body, "bt");
    if (k < 0 || k >= m_total || intendedUs < 0)
        return;
    if (m_pushes[std::size_t(k)]++ > 0) {
        ++m_duplicates;
        return;
    }
    ++m_accepted;
    m_pushLag.add(atUs - intendedUs);
}

std::int64_t PushRun::missingPushes() const
{
    std::int64_t missing = 0;
    for (std::size_t k = 0; k < m_acknowledged.size(); ++k)
        missing += m_acknowledged[k] && m_pushes[k] == 0;
    return missing;
}

void PushRun::report(double sendSeconds, std::int64_t cpuUs)
{
    JsonObject parameters;
    parameters.add("pairs", m_pairs)
        .add("rate_per_s", m_rate)
        .add("messages", m_total)
        .add("fcm_delay_ms", m_options.number("fcm-delay-ms", 50))
        .add("transport", m_options.text("transport", "unknown"))
        .add("http_connections", int(m_options.number("http-connections", DefaultHttpConnections)));
    JsonObject results;
    results.add("sent", m_sent)
        .add("created_201", m_created)
        .add("errors_non_201", m_refused)
        .add("send_seconds", sendSeconds)
        .add("achieved_rate_per_s", double(m_sent) / sendSeconds)
        .add("send_latency_ms", latencyFigures(m_sendLatency))
        .add("pushes_accepted", m_accepted)
        .add("pushes_duplicated", m_duplicates)
        .add("pushes_missing", missingPushes())
        .add("push_lag_ms", latencyFigures(m_pushLag))
        .add("fcm_requests", m_fcm.requests())
        .add("fcm_token_requests", m_fcm.tokenRequests())
        .add("fcm_connections", m_fcm.connections())
        .add("fcm_connections_open_at_most", m_fcm.mostOpenAtOnce())
        .add("server_cpu_s", double(cpuUs) / 1e6)
        .add("server_cpu_us_per_message", m_created ? double(cpuUs) / double(m_created) : 0.0);
    writeLoadReport(m_options, parameters, results, m_pid, m_generatorCpuUs, m_hostStealPercent);
}
} // namespace

int runPush(const Options &options)
{
    PushRun run(options);
    return run.run();
}

} // namespace bench
