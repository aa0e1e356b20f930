#pragma once

#include "HttpClient.h"

#include <memory>
#include <vector>

namespace bench {

// A fixed set of keep-alive connections with at most `depth` requests in flight on each; requests
// beyond that wait here in order. Answers are counted per status for the report.
class HttpPool
{
public:
    HttpPool(EventLoop &loop, const Endpoint &endpoint, int connections, int depth);

    // False when a connection could not be opened.
    bool open();
    void post(std::string raw, HttpCallback done);
    std::size_t queued() const { return m_queue.size(); }
    std::size_t inFlight() const;
    bool idle() const { return m_queue.empty() && inFlight() == 0; }

private:
    void pump();

    struct Pending
    {
        std::string raw;
        HttpCallback done;
    };

    EventLoop &m_loop;
    Endpoint m_endpoint;
    std::size_t m_depth;
    std::vector<std::unique_ptr<HttpClient>> m_clients;
    std::deque<Pending> m_queue;
    std::size_t m_next = 0;
};

} // namespace bench
