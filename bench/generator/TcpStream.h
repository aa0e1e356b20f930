#pragma once

#include "EventLoop.h"

#include <netinet/in.h>
#include <string>
#include <string_view>

namespace bench {

// Where to connect, and from which loopback source address (each 127.0.0.x has its own range of
// ephemeral ports, so many sources avoid running out of ports with tens of thousands of sockets).
struct Endpoint
{
    sockaddr_in server{};
    in_addr_t source = 0; // network order; 0 lets the kernel choose
};

Endpoint makeEndpoint(const std::string &host, int port, const std::string &source = {});

// A non-blocking TCP connection with an input buffer and an output buffer that drains when the
// kernel accepts more. Subclasses parse the input; the object outlives its connection, so events
// already fetched for a closed socket are harmless.
class TcpStream : public Pollable
{
public:
    explicit TcpStream(EventLoop &loop);
    ~TcpStream() override;
    TcpStream(const TcpStream &) = delete;
    TcpStream &operator=(const TcpStream &) = delete;

    // False when the socket could not even be created (fd limit, no port).
    bool connectTo(const Endpoint &endpoint);
    // Takes a connected, non-blocking socket (accepted by a listener).
    void adopt(int fd);
    void write(std::string_view bytes);
    void closeNow();
    bool isOpen() const { return m_fd >= 0; }

    void handleEvents(std::uint32_t events) override;

protected:
    virtual void onConnected() = 0;
    // `input` holds everything unread; erase what was consumed.
    virtual void onInput(std::string &input) = 0;
    virtual void onClosed() = 0;

private:
    void readAll();
    void flush();
    void fail();
    void watch(bool wantWrite);

    EventLoop &m_loop;
    int m_fd = -1;
    bool m_connecting = false;
    bool m_watchingWrite = false;
    std::string m_input;
    std::string m_output;
};

} // namespace bench
