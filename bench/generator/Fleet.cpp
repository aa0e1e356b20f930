#include "Fleet.h"

#include <algorithm>

namespace bench {

namespace {
bool isPacket(std::string_view text)
{
    // Answers start with {"data" or {"err" (keys sorted); packets with their kind.
    return text.rfind(R"({"message")", 0) == 0 || text.rfind(R"({"pres")", 0) == 0 ||
           text.rfind(R"({"reads")", 0) == 0;
}

bool isSuccess(std::string_view answer)
{
    return answer.find(R"("status":200)") != std::string_view::npos;
}
} // namespace

Fleet::Fleet(EventLoop &loop, const FleetSettings &settings)
    : m_loop(loop)
    , m_settings(settings)
{}

Fleet::~Fleet() = default;

Endpoint Fleet::endpointFor(std::size_t index) const
{
    const std::string source =
        m_settings.sources > 0
            ? "127.0.0." + std::to_string(2 + index % std::size_t(m_settings.sources))
            : std::string();
    const int port = m_settings.portOf ? m_settings.portOf(index) : 0;
    return makeEndpoint(m_settings.host, port ? port : m_settings.port, source);
}

ConnectReport Fleet::connect(const std::vector<std::string> &tokens)
{
    ConnectReport report;
    report.requested = tokens.size();
    const std::size_t first = m_clients.size();
    const std::size_t authenticatedBefore = m_authenticated;
    const std::size_t failedBefore = m_failed;
    for (const std::string &token : tokens) {
        m_tokens.push_back(token);
        m_clients.push_back(std::make_unique<WsClient>(m_loop, *this, int(m_clients.size())));
    }
    const std::int64_t start = nowUs();
    const std::size_t burst = std::size_t(std::max(1, m_settings.burst));
    for (std::size_t from = first; from < m_clients.size(); from += burst) {
        const std::size_t to = std::min(m_clients.size(), from + burst);
        report.slowestBurstUs = std::max(report.slowestBurstUs, runBurst(from, to));
        ++report.bursts;
    }
    report.elapsedUs = nowUs() - start;
    report.authenticated = m_authenticated - authenticatedBefore;
    report.failed = m_failed - failedBefore;
    return report;
}

std::int64_t Fleet::runBurst(std::size_t first, std::size_t last)
{
    const std::int64_t start = nowUs();
    for (std::size_t i = first; i < last; ++i) {
        m_clients[i]->mark = Authenticating;
        if (!m_clients[i]->open(endpointFor(i))) {
            m_clients[i]->mark = Failed;
            ++m_failed;
        }
    }
    const auto settled = [&] {
        return std::all_of(m_clients.begin() + std::ptrdiff_t(first),
                           m_clients.begin() + std::ptrdiff_t(last),
                           [](const auto &client) { return client->mark != Authenticating; });
    };
    m_loop.runUntil(settled, m_settings.burstTimeoutUs);
    for (std::size_t i = first; i < last; ++i) {
        if (m_clients[i]->mark == Authenticating) { // timed out
            m_clients[i]->mark = Failed;
            ++m_failed;
        }
    }
    return nowUs() - start;
}

std::size_t Fleet::listen(std::size_t first, const std::vector<std::int64_t> &peers)
{
    const std::size_t answersBefore = m_listenAnswers;
    const std::size_t failuresBefore = m_listenFailures;
    std::size_t sent = 0;
    for (std::size_t i = 0; i < peers.size(); ++i) {
        WsClient &client = *m_clients[first + i];
        if (client.mark != Ready)
            continue;
        client.sendText(R"({"listen":{"id":"l","peer_id":)" + std::to_string(peers[i]) + "}}");
        ++sent;
    }
    m_loop.runUntil([&] { return m_listenAnswers - answersBefore >= sent; },
                    m_settings.burstTimeoutUs);
    const std::size_t unanswered = sent - (m_listenAnswers - answersBefore);
    return (peers.size() - sent) + unanswered + (m_listenFailures - failuresBefore);
}

void Fleet::dropAll()
{
    for (auto &client : m_clients) {
        client->mark = New; // not counted as lost
        client->drop();
    }
}

void Fleet::wsOpened(WsClient &client)
{
    const std::string &token = m_tokens[std::size_t(client.index())];
    client.sendText(R"({"auth":{"id":"a","access_token":")" + token + R"("}})");
}

void Fleet::wsText(WsClient &client, std::string_view text)
{
    if (isPacket(text)) {
        if (onPacket)
            onPacket(client, text);
        return;
    }
    answered(client, text);
}

void Fleet::answered(WsClient &client, std::string_view text)
{
    if (client.mark == Authenticating) {
        client.mark = isSuccess(text) ? Ready : Failed;
        ++(client.mark == Ready ? m_authenticated : m_failed);
        return;
    }
    // Anything else answered on a ready socket is a listen.
    ++m_listenAnswers;
    if (!isSuccess(text))
        ++m_listenFailures;
}

void Fleet::wsClosed(WsClient &client)
{
    if (client.mark == Authenticating) {
        client.mark = Failed;
        ++m_failed;
    } else if (client.mark == Ready) {
        client.mark = Failed;
        ++m_lost;
    }
}

} // namespace bench
