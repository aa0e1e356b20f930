#pragma once

#include "TcpStream.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace bench {

// A loopback stand-in for FCM in the generator's own loop: the legacy endpoint (/fcm/send), the
// v1 endpoint (.../messages:send) and the OAuth2 token endpoint (/token). Every push request is
// handed to `onPush` when it arrives and answered "accepted" after a fixed delay, as a real FCM
// answers after its round trip; the daemon's requests in flight pile up meanwhile.
class FakeFcm : public Pollable
{
public:
    FakeFcm(EventLoop &loop, int port, std::int64_t answerDelayUs);
    ~FakeFcm() override;
    bool listening() const { return m_listener >= 0; }

    // Sends the answers that are due; call at least every millisecond.
    void tick();
    void handleEvents(std::uint32_t events) override;

    // A push request's body, when it arrived.
    std::function<void(std::string_view body, std::int64_t atUs)> onPush;
    std::int64_t requests() const { return m_requests; }
    std::int64_t tokenRequests() const { return m_tokenRequests; }
    std::int64_t connections() const { return m_connections; }
    std::size_t mostOpenAtOnce() const { return m_mostOpen; }

private:
    class Connection;
    struct Answer
    {
        std::int64_t dueUs;
        std::weak_ptr<Connection> connection;
        std::string bytes;
    };

    void request(const std::shared_ptr<Connection> &from, std::string_view path,
                 std::string_view body);
    void closed(Connection *connection);

    EventLoop &m_loop;
    int m_listener = -1;
    std::int64_t m_delayUs;
    std::vector<std::shared_ptr<Connection>> m_open;
    std::vector<std::shared_ptr<Connection>> m_closed; // gone this round, freed at the next tick
    std::deque<Answer> m_answers; // in due order: the delay is the same for all
    std::int64_t m_requests = 0;
    std::int64_t m_tokenRequests = 0;
    std::int64_t m_connections = 0;
    std::size_t m_mostOpen = 0;
};

} // namespace bench
