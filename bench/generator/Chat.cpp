#include "HttpPool.h"
#include "Latency.h"
#include "ProcStats.h"
#include "Scenarios.h"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace bench {

namespace {
constexpr std::int64_t IdleUserBase = 1'000'001; // idle users never collide with pair users
// Enough keep-alive connections that the pool is never what limits the rate: with one request in
// flight each, N connections carry at most N / latency requests a second, so a small pool turns a
// few milliseconds of server delay into queueing at the client (phones each have their own).
constexpr int DefaultHttpConnections = 256;

std::string topicOf(std::int64_t a, std::int64_t b)
{
    return "p2p" + std::to_string(a) + '_' + std::to_string(b);
}

// Reads the integer after `"key":` in a packet; -1 when absent.
std::int64_t numberAfter(std::string_view text, std::string_view key)
{
    const std::size_t at = text.find(key);
    if (at == std::string_view::npos)
        return -1;
    return std::strtoll(text.data() + at + key.size(), nullptr, 10);
}

// P pairs (users 2i+1 and 2i+2) talk over HTTP at a fixed total rate while N idle sockets are
// connected too; every message carries its sequence number and intended send time, so the
// recipient's socket yields the delivery latency. With two nodes (--port2) the users are spread
// over both and half the pairs have one member on each: each sender posts to its own node.
class ChatRun
{
public:
    explicit ChatRun(const Options &options);
    int run();

private:
    bool setUp();
    bool openTopics();
    void sendDue();
    void send(std::int64_t k);
    void received(std::string_view packet);
    // Which node (0 or 1) a user's socket and requests go to.
    int nodeOfUser(std::int64_t user) const;
    bool crossNode(std::int64_t k) const;
    HttpPool &poolOf(std::int64_t user) { return *m_pools[std::size_t(nodeOfUser(user))]; }
    bool poolsIdle() const;
    void drain();
    // Messages answered 201 that never reached the recipient's socket.
    std::int64_t missingDeliveries() const;
    void report(double sendSeconds, std::int64_t cpuUs, const ConnectReport &idle);
    double perDelivered(std::int64_t total) const;

    const Options &m_options;
    const std::int64_t m_pairs;
    const double m_rate;
    const std::int64_t m_total;
    const std::size_t m_idleSockets;
    const pid_t m_pid;
    const std::vector<pid_t> m_nodePids;
    const pid_t m_postgresPid; // 0: not on PostgreSQL
    EventLoop m_loop;
    Fleet m_fleet;
    std::vector<std::unique_ptr<HttpPool>> m_pools; // one per node
    std::vector<std::string> m_pairTokens;
    std::vector<std::uint8_t> m_deliveries;   // per message: how many times it arrived
    std::vector<std::uint8_t> m_acknowledged; // per message: answered 201
    LatencyRecorder m_latency;
    LatencyRecorder m_sameNodeLatency;
    LatencyRecorder m_crossNodeLatency;
    std::int64_t m_start = 0;
    std::int64_t m_sent = 0;
    std::int64_t m_created = 0;
    std::int64_t m_refused = 0; // answers other than 201, or none
    std::int64_t m_delivered = 0;
    std::int64_t m_duplicates = 0;
    std::size_t m_maxQueued = 0;
    std::int64_t m_generatorCpuUs = 0;
    std::int64_t m_postgresCpuUs = 0;
    double m_hostStealPercent = 0;
    ProcessWrites m_serverWrites; // over the run
    ConnectReport m_idleConnect;
};

ChatRun::ChatRun(const Options &options)
    : m_options(options)
    , m_pairs(options.number("pairs", 1000))
    , m_rate(options.real("rate", 5000))
    , m_total(std::int64_t(m_rate * options.real("duration", 60)))
    , m_idleSockets(std::size_t(options.number("idle", 10000)))
    , m_pid(serverPid(options))
    , m_nodePids(options.has("port2")
                     ? std::vector<pid_t>{m_pid, pid_t(options.number("server-pid2", 0))}
                     : std::vector<pid_t>{m_pid})
    , m_postgresPid(pid_t(options.number("postgres-pid", 0)))
    , m_fleet(m_loop, fleetSettings(options))
{
    const std::vector<int> ports =
        options.has("port2")
            ? std::vector<int>{int(options.number("port", 8080)), int(options.number("port2", 0))}
            : std::vector<int>{int(options.number("port", 8080))};
    for (const int port : ports)
        m_pools.push_back(std::make_unique<HttpPool>(
            m_loop, makeEndpoint(options.text("host", "127.0.0.1"), port),
            int(options.number("http-connections", DefaultHttpConnections)) / int(ports.size()),
            int(options.number("pipeline", 1))));
    // Idle sockets alternate between the nodes; pair sockets follow their user.
    m_fleet.setPortOf([this, ports](std::size_t index) {
        return index < m_idleSockets
                   ? ports[index % ports.size()]
                   : ports[std::size_t(nodeOfUser(std::int64_t(index - m_idleSockets) + 1))];
    });
    m_deliveries.resize(std::size_t(m_total));
    m_acknowledged.resize(std::size_t(m_total));
    m_latency.reserve(std::size_t(m_total));
    m_fleet.onPacket = [this](WsClient &, std::string_view packet) { received(packet); };
}

bool ChatRun::setUp()
{
    m_idleConnect = m_fleet.connect(tokensFor(m_options, IdleUserBase, m_idleSockets));
    m_pairTokens = tokensFor(m_options, 1, std::size_t(2 * m_pairs));
    const ConnectReport pairs = m_fleet.connect(m_pairTokens);
    for (auto &pool : m_pools) {
        if (!pool->open())
            return false;
    }
    if (m_idleConnect.failed || pairs.failed || !openTopics())
        return false;
    // Each pair socket listens to its peer, as an open chat screen does.
    std::vector<std::int64_t> peers;
    for (std::int64_t user = 1; user <= 2 * m_pairs; ++user)
        peers.push_back(user % 2 ? user + 1 : user - 1);
    return m_fleet.listen(m_idleSockets, peers) == 0;
}

bool ChatRun::openTopics()
{
    std::int64_t ok = 0;
    for (std::int64_t i = 0; i < m_pairs; ++i) {
        const std::string body = R"({"peer_id":)" + std::to_string(2 * i + 2) + '}';
        poolOf(2 * i + 1).post(
            httpPost("/chat/topics", m_pairTokens[std::size_t(2 * i)], body),
            [&ok](int status, std::string_view) { ok += status == 200 || status == 201; });
    }
    m_loop.runUntil([this] { return poolsIdle(); }, 120'000'000);
    return ok == m_pairs;
}

int ChatRun::run()
{
    if (!setUp()) {
        std::fprintf(stderr, "chat: set-up failed (sockets, topics or listen)\n");
        return 2;
    }
    std::vector<CpuMeter> cpus(m_nodePids.begin(), m_nodePids.end());
    const CpuMeter postgresCpu(m_postgresPid, true);
    const CpuMeter selfCpu(getpid());
    const StealMeter steal;
    const WriteMeter writes(m_pid);
    m_start = nowUs();
    m_loop.runUntil([this] { return m_sent >= m_total; }, INT64_MAX, [this] { sendDue(); });
    const double sendSeconds = double(nowUs() - m_start) / 1e6;
    drain();
    m_generatorCpuUs = selfCpu.elapsedCpuUs();
    m_hostStealPercent = steal.percent();
    m_serverWrites = writes.elapsed();
    std::int64_t cpuUs = 0;
    for (const CpuMeter &cpu : cpus)
        cpuUs += cpu.elapsedCpuUs();
    m_postgresCpuUs = m_postgresPid ? postgresCpu.elapsedCpuUs() : 0;
    report(sendSeconds, cpuUs, m_idleConnect);
    const bool allAnswered = m_created + m_refused == m_sent;
    return allAnswered && m_refused == 0 && missingDeliveries() == 0 && m_duplicates == 0 ? 0 : 1;
}

void ChatRun::sendDue()
{
    const auto due = std::int64_t(double(nowUs() - m_start) * m_rate / 1e6) + 1;
    while (m_sent < std::min(due, m_total))
        send(m_sent++);
    std::size_t queued = 0;
    for (const auto &pool : m_pools)
        queued += pool->queued();
    m_maxQueued = std::max(m_maxQueued, queued);
}

void ChatRun::send(std::int64_t k)
{
    const std::int64_t pair = k % m_pairs;
    const bool fromSecond = (k / m_pairs) % 2 == 1;
    const std::int64_t a = 2 * pair + 1;
    // The intended time, not the actual write: a generator falling behind shows up as latency.
    const auto intendedUs = m_start + std::int64_t(double(k) * 1e6 / m_rate);
    const std::string body = R"({"content":{"type":"text/plain","payload":{"text":"bench message",)"
                             R"("bk":)" +
                             std::to_string(k) + R"(,"bt":)" + std::to_string(intendedUs) + "}}}";
    const std::int64_t sender = fromSecond ? a + 1 : a;
    const std::string &token = m_pairTokens[std::size_t(sender - 1)];
    poolOf(sender).post(httpPost("/chat/topics/" + topicOf(a, a + 1) + "/messages", token, body),
                        [this, k](int status, std::string_view) {
                            ++(status == 201 ? m_created : m_refused);
                            m_acknowledged[std::size_t(k)] = status == 201;
                        });
}

void ChatRun::received(std::string_view packet)
{
    const std::int64_t k = numberAfter(packet, R"("bk":)");
    const std::int64_t intendedUs = numberAfter(packet, R"("bt":)");
    if (k < 0 || k >= m_total || intendedUs < 0)
        return;
    if (m_deliveries[std::size_t(k)]++ > 0) {
        ++m_duplicates;
        return;
    }
    ++m_delivered;
    const std::int64_t latencyUs = nowUs() - intendedUs;
    m_latency.add(latencyUs);
    if (m_nodePids.size() > 1)
        (crossNode(k) ? m_crossNodeLatency : m_sameNodeLatency).add(latencyUs);
}

void ChatRun::drain()
{
    const std::int64_t timeoutUs = m_options.number("drain-seconds", 15) * 1'000'000;
    m_loop.runUntil([this] { return poolsIdle() && m_delivered >= m_created; }, timeoutUs);
}

int ChatRun::nodeOfUser(std::int64_t user) const
{
    if (m_pools.size() < 2)
        return 0;
    // Pairs 0, 1, 2, 3 ... put their members on nodes (0,0), (1,0), (0,1), (1,1) ...: both nodes
    // carry as many users, and every other pair crosses.
    const std::int64_t pair = (user - 1) / 2;
    return int(user % 2 == 1 ? pair % 2 : (pair / 2) % 2);
}

bool ChatRun::crossNode(std::int64_t k) const
{
    const std::int64_t first = 2 * (k % m_pairs) + 1;
    return nodeOfUser(first) != nodeOfUser(first + 1);
}

bool ChatRun::poolsIdle() const
{
    return std::all_of(m_pools.begin(), m_pools.end(),
                       [](const auto &pool) { return pool->idle(); });
}

std::int64_t ChatRun::missingDeliveries() const
{
    std::int64_t missing = 0;
    for (std::size_t k = 0; k < m_acknowledged.size(); ++k)
        missing += m_acknowledged[k] && m_deliveries[k] == 0;
    return missing;
}

double ChatRun::perDelivered(std::int64_t total) const
{
    return m_delivered ? double(total) / double(m_delivered) : 0.0;
}

void ChatRun::report(double sendSeconds, std::int64_t cpuUs, const ConnectReport &idle)
{
    JsonObject parameters;
    parameters.add("pairs", m_pairs)
        .add("rate_per_s", m_rate)
        .add("messages", m_total)
        .add("idle_sockets", m_idleSockets)
        .add("http_connections", int(m_options.number("http-connections", DefaultHttpConnections)))
        .add("pipeline", int(m_options.number("pipeline", 1)))
        .add("nodes", int(m_nodePids.size()))
        .add("postgres", m_postgresPid != 0);
    JsonObject results;
    results.add("idle_connect", connectFigures(idle))
        .add("sent", m_sent)
        .add("created_201", m_created)
        .add("errors_non_201", m_refused)
        .add("unanswered", m_sent - m_created - m_refused)
        .add("delivered", m_delivered)
        .add("missing_deliveries", missingDeliveries())
        .add("duplicate_deliveries", m_duplicates)
        .add("sockets_lost", m_fleet.lost())
        .add("send_seconds", sendSeconds)
        .add("achieved_rate_per_s", double(m_sent) / sendSeconds)
        .add("max_queued_requests", m_maxQueued)
        .add("latency_ms", latencyFigures(m_latency))
        .add("server_cpu_s", double(cpuUs) / 1e6)
        .add("server_cpu_us_per_delivered", perDelivered(cpuUs))
        .add("postgres_cpu_us_per_delivered", perDelivered(m_postgresCpuUs))
        .add("server_disk_write_bytes_per_delivered", perDelivered(m_serverWrites.diskBytes))
        .add("server_write_syscalls_per_delivered", perDelivered(m_serverWrites.syscalls));
    if (m_nodePids.size() > 1)
        results.add("latency_same_node_ms", latencyFigures(m_sameNodeLatency))
            .add("latency_cross_node_ms", latencyFigures(m_crossNodeLatency));
    writeLoadReport(m_options, parameters, results, m_pid, m_generatorCpuUs, m_hostStealPercent);
}
} // namespace

int runChat(const Options &options)
{
    ChatRun run(options);
    return run.run();
}

} // namespace bench
