#include "HttpPool.h"

namespace bench {

HttpPool::HttpPool(EventLoop &loop, const Endpoint &endpoint, int connections, int depth)
    : m_loop(loop)
    , m_endpoint(endpoint)
    , m_depth(std::size_t(depth))
{
    for (int i = 0; i < connections; ++i) {
        m_clients.push_back(std::make_unique<HttpClient>(m_loop));
        m_clients.back()->onIdle = [this] { pump(); };
    }
}

bool HttpPool::open()
{
    for (auto &client : m_clients) {
        if (!client->connectTo(m_endpoint))
            return false;
    }
    return true;
}

void HttpPool::post(std::string raw, HttpCallback done)
{
    m_queue.push_back({std::move(raw), std::move(done)});
    pump();
}

std::size_t HttpPool::inFlight() const
{
    std::size_t total = 0;
    for (const auto &client : m_clients)
        total += client->inFlight();
    return total;
}

void HttpPool::pump()
{
    // Round robin over the connections that have room, so the load spreads evenly.
    std::size_t tried = 0;
    while (!m_queue.empty() && tried < m_clients.size()) {
        HttpClient &client = *m_clients[m_next];
        m_next = (m_next + 1) % m_clients.size();
        if (!client.isOpen() || client.inFlight() >= m_depth) {
            ++tried;
            continue;
        }
        tried = 0;
        Pending pending = std::move(m_queue.front());
        m_queue.pop_front();
        client.request(std::move(pending.raw), std::move(pending.done));
    }
}

} // namespace bench
