#include "FakeFcm.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bench {

namespace {
std::string answer(std::string_view body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// Legacy: one result per registration id of the request.
std::string legacyAnswer(std::string_view body)
{
    const std::size_t at = body.find("\"registration_ids\":[");
    const std::size_t end = body.find(']', at);
    const std::size_t tokens =
        at == std::string_view::npos || end == std::string_view::npos
            ? 1
            : std::size_t(std::count(body.begin() + at, body.begin() + end, ',')) + 1;
    std::string json =
        R"({"multicast_id":1,"success":)" + std::to_string(tokens) + R"(,"failure":0,"results":[)";
    for (std::size_t i = 0; i < tokens; ++i)
        json += std::string(i ? "," : "") + R"({"message_id":"0:)" + std::to_string(i) + "\"}";
    return answer(json + "]}");
}
} // namespace

class FakeFcm::Connection : public TcpStream
{
public:
    Connection(EventLoop &loop, FakeFcm &owner)
        : TcpStream(loop)
        , m_owner(owner)
    {}
    std::weak_ptr<Connection> self;

protected:
    void onConnected() override {}
    void onClosed() override { m_owner.closed(this); }
    // Requests with Content-Length bodies, answered in order (the delay keeps the order).
    void onInput(std::string &input) override
    {
        for (;;) {
            const std::size_t headEnd = input.find("\r\n\r\n");
            if (headEnd == std::string::npos)
                return;
            const std::string_view head(input.data(), headEnd);
            const std::size_t lengthAt = head.find("Content-Length: ");
            const std::size_t length =
                lengthAt == std::string_view::npos
                    ? 0
                    : std::size_t(std::strtoull(head.data() + lengthAt + 16, nullptr, 10));
            if (input.size() < headEnd + 4 + length)
                return;
            const std::size_t pathStart = head.find(' ') + 1;
            const std::string path(head.substr(pathStart, head.find(' ', pathStart) - pathStart));
            const std::string body = input.substr(headEnd + 4, length);
            input.erase(0, headEnd + 4 + length);
            m_owner.request(self.lock(), path, body);
        }
    }

private:
    FakeFcm &m_owner;
};

FakeFcm::FakeFcm(EventLoop &loop, int port, std::int64_t answerDelayUs)
    : m_loop(loop)
    , m_delayUs(answerDelayUs)
{
    m_listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(m_listener, reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0 ||
        listen(m_listener, 1024) < 0)
        throw std::runtime_error("fake FCM: cannot listen on port " + std::to_string(port));
    m_loop.add(m_listener, this, EPOLLIN);
}

FakeFcm::~FakeFcm()
{
    m_loop.remove(m_listener);
    ::close(m_listener);
}

void FakeFcm::handleEvents(std::uint32_t)
{
    for (;;) {
        const int fd = accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        auto connection = std::make_shared<Connection>(m_loop, *this);
        connection->self = connection;
        connection->adopt(fd);
        m_open.push_back(connection);
        ++m_connections;
        m_mostOpen = std::max(m_mostOpen, m_open.size());
    }
}

void FakeFcm::request(const std::shared_ptr<Connection> &from, std::string_view path,
                      std::string_view body)
{
    const std::int64_t now = nowUs();
    std::string bytes;
    if (path == "/token") {
        ++m_tokenRequests;
        bytes = answer(R"({"access_token":"bench-token","expires_in":3600,"token_type":"Bearer"})");
    } else {
        ++m_requests;
        if (onPush)
            onPush(body, now);
        bytes = path.find(":send") != std::string_view::npos
                    ? answer(R"({"name":"projects/bench/messages/1"})")
                    : legacyAnswer(body);
    }
    m_answers.push_back({now + m_delayUs, from, std::move(bytes)});
}

void FakeFcm::tick()
{
    m_closed.clear();
    const std::int64_t now = nowUs();
    while (!m_answers.empty() && m_answers.front().dueUs <= now) {
        if (const auto connection = m_answers.front().connection.lock())
            connection->write(m_answers.front().bytes);
        m_answers.pop_front();
    }
}

void FakeFcm::closed(Connection *connection)
{
    // Kept until the next tick: events of this round may still name it.
    const auto it = std::find_if(m_open.begin(), m_open.end(), [connection](const auto &open) {
        return open.get() == connection;
    });
    if (it == m_open.end())
        return;
    m_closed.push_back(std::move(*it));
    m_open.erase(it);
}

} // namespace bench
