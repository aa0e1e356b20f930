#pragma once

#include "WsClient.h"

#include <functional>
#include <memory>
#include <vector>

namespace bench {

struct FleetSettings
{
    std::string host = "127.0.0.1";
    int port = 8080;
    // With several nodes: the port of socket `index` (counted over every connect()); 0 picks
    // `port`.
    std::function<int(std::size_t index)> portOf;
    int sources = 8;  // loopback source addresses 127.0.0.2 .. 127.0.0.(1 + sources)
    int burst = 2000; // sockets opened at once
    std::int64_t burstTimeoutUs = 60'000'000;
};

struct ConnectReport
{
    std::size_t requested = 0;
    std::size_t authenticated = 0;
    std::size_t failed = 0;
    int bursts = 0;
    std::int64_t elapsedUs = 0;
    std::int64_t slowestBurstUs = 0;
};

// Many authenticated sockets: opens them in bursts, authenticates each with its token, makes them
// listen, and passes every packet (`message`, `pres`) they receive to `onPacket`.
class Fleet : public WsHandler
{
public:
    Fleet(EventLoop &loop, const FleetSettings &settings);
    ~Fleet() override;

    // Adds one socket per token and authenticates them, burst after burst.
    ConnectReport connect(const std::vector<std::string> &tokens);
    // Socket `first + i` listens to `peers[i]`; returns how many were not answered 200.
    std::size_t listen(std::size_t first, const std::vector<std::int64_t> &peers);
    void setPortOf(std::function<int(std::size_t index)> portOf) { m_settings.portOf = portOf; }

    // Drops every connection (no close handshake) and frees their descriptors.
    void dropAll();

    std::size_t size() const { return m_clients.size(); }
    WsClient &client(std::size_t index) { return *m_clients[index]; }
    std::size_t authenticated() const { return m_authenticated; }
    // Authenticated sockets that the server closed afterwards: should stay 0.
    std::size_t lost() const { return m_lost; }

    std::function<void(WsClient &client, std::string_view packet)> onPacket;

    void wsOpened(WsClient &client) override;
    void wsText(WsClient &client, std::string_view text) override;
    void wsClosed(WsClient &client) override;

private:
    enum Mark : std::uint8_t
    {
        New,
        Authenticating,
        Ready,
        Failed
    };

    std::int64_t runBurst(std::size_t first, std::size_t last);
    void answered(WsClient &client, std::string_view text);
    Endpoint endpointFor(std::size_t index) const;

    EventLoop &m_loop;
    FleetSettings m_settings;
    std::vector<std::unique_ptr<WsClient>> m_clients;
    std::vector<std::string> m_tokens;
    std::size_t m_authenticated = 0;
    std::size_t m_failed = 0;
    std::size_t m_lost = 0;
    std::size_t m_listenAnswers = 0;
    std::size_t m_listenFailures = 0;
};

} // namespace bench
