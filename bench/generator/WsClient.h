#pragma once

#include "TcpStream.h"

namespace bench {

class WsClient;

// What a scenario hears from its sockets.
class WsHandler
{
public:
    virtual ~WsHandler() = default;
    virtual void wsOpened(WsClient &client) = 0;
    virtual void wsText(WsClient &client, std::string_view text) = 0;
    virtual void wsClosed(WsClient &client) = 0;
};

// A minimal RFC 6455 client: upgrade request, masked frames out, unmasked frames in, pongs for
// pings. Just enough for the contract, and a few hundred bytes per idle socket.
class WsClient : public TcpStream
{
public:
    enum State : std::uint8_t
    {
        Idle,
        Upgrading,
        Open,
        Closed
    };

    WsClient(EventLoop &loop, WsHandler &handler, int index);

    bool open(const Endpoint &endpoint);
    void sendText(std::string_view text);
    // Drops the TCP connection without a close handshake, as a phone losing its network does.
    void drop();

    int index() const { return m_index; }
    State state() const { return m_state; }
    // Free for the scenario's own bookkeeping (authenticated, listening, ...).
    std::uint8_t mark = 0;

protected:
    void onConnected() override;
    void onInput(std::string &input) override;
    void onClosed() override;

private:
    bool readUpgradeAnswer(std::string &input);
    void readFrames(std::string &input);
    void sendFrame(std::uint8_t opcode, std::string_view payload);
    void fail();

    WsHandler &m_handler;
    const int m_index;
    State m_state = Idle;
};

} // namespace bench
