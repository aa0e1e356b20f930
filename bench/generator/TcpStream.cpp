#include "TcpStream.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bench {

namespace {
constexpr std::size_t ReadChunk = 65536;

int openSocket(const Endpoint &endpoint)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (endpoint.source != 0) {
        // Pick the port at connect time, per destination, rather than at bind time.
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = endpoint.source;
        if (bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) < 0) {
            ::close(fd);
            return -1;
        }
    }
    return fd;
}
} // namespace

Endpoint makeEndpoint(const std::string &host, int port, const std::string &source)
{
    Endpoint endpoint;
    endpoint.server.sin_family = AF_INET;
    endpoint.server.sin_port = htons(std::uint16_t(port));
    inet_pton(AF_INET, host.c_str(), &endpoint.server.sin_addr);
    if (!source.empty())
        inet_pton(AF_INET, source.c_str(), &endpoint.source);
    return endpoint;
}

TcpStream::TcpStream(EventLoop &loop)
    : m_loop(loop)
{}

TcpStream::~TcpStream()
{
    if (m_fd >= 0) {
        m_loop.remove(m_fd);
        ::close(m_fd);
    }
}

bool TcpStream::connectTo(const Endpoint &endpoint)
{
    m_fd = openSocket(endpoint);
    if (m_fd < 0)
        return false;
    m_input.clear();
    m_output.clear();
    const auto *address = reinterpret_cast<const sockaddr *>(&endpoint.server);
    if (::connect(m_fd, address, sizeof endpoint.server) < 0 && errno != EINPROGRESS) {
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_connecting = true;
    m_watchingWrite = true;
    m_loop.add(m_fd, this, EPOLLIN | EPOLLOUT | EPOLLRDHUP);
    return true;
}

void TcpStream::adopt(int fd)
{
    m_fd = fd;
    m_input.clear();
    m_output.clear();
    const int on = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    m_connecting = false;
    m_watchingWrite = false;
    m_loop.add(m_fd, this, EPOLLIN | EPOLLRDHUP);
}

void TcpStream::write(std::string_view bytes)
{
    if (m_fd < 0)
        return;
    m_output.append(bytes);
    if (!m_connecting)
        flush();
}

void TcpStream::closeNow()
{
    if (m_fd < 0)
        return;
    m_loop.remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
}

void TcpStream::handleEvents(std::uint32_t events)
{
    if (m_fd < 0)
        return;
    if (m_connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0)
            return fail();
        m_connecting = false;
        onConnected();
        if (m_fd < 0)
            return;
        flush();
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        readAll();
    else if (m_fd >= 0 && (events & EPOLLOUT))
        flush();
}

void TcpStream::readAll()
{
    // A stack buffer: idle sockets keep no input capacity between reads.
    char chunk[ReadChunk];
    const int fd = m_fd;
    bool ended = false;
    for (;;) {
        const ssize_t got = ::read(m_fd, chunk, sizeof chunk);
        if (got > 0)
            m_input.append(chunk, std::size_t(got));
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR))
            ended = true;
        if (got <= 0 || std::size_t(got) < sizeof chunk)
            break;
    }
    if (!m_input.empty())
        onInput(m_input);
    if (m_input.empty())
        m_input.shrink_to_fit();
    if (ended && m_fd == fd) // unless the parser closed or reopened it already
        fail();
}

void TcpStream::flush()
{
    while (m_fd >= 0 && !m_output.empty()) {
        const ssize_t sent = ::send(m_fd, m_output.data(), m_output.size(), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EAGAIN || errno == EINTR)
                break;
            return fail();
        }
        m_output.erase(0, std::size_t(sent));
    }
    if (m_fd >= 0)
        watch(!m_output.empty());
}

void TcpStream::watch(bool wantWrite)
{
    if (wantWrite == m_watchingWrite)
        return;
    m_watchingWrite = wantWrite;
    m_loop.modify(m_fd, this, EPOLLIN | EPOLLRDHUP | (wantWrite ? EPOLLOUT : 0u));
}

void TcpStream::fail()
{
    closeNow();
    onClosed();
}

} // namespace bench
