#pragma once

#include "TcpStream.h"

#include <deque>
#include <functional>

namespace bench {

// Status 0 means the connection failed before the answer came.
using HttpCallback = std::function<void(int status, std::string_view body)>;

// One keep-alive HTTP/1.1 connection; requests may be pipelined, answers come back in order.
// Only what the daemon sends is understood: Content-Length bodies.
class HttpClient : public TcpStream
{
public:
    explicit HttpClient(EventLoop &loop);

    void request(std::string raw, HttpCallback done);
    std::size_t inFlight() const { return m_waiting.size(); }
    // Called after each answer, so a pool can hand out the next request.
    std::function<void()> onIdle;

protected:
    void onConnected() override {}
    void onInput(std::string &input) override;
    void onClosed() override;

private:
    // Consumes one answer from the front of `input`; false when it is not complete yet.
    bool readAnswer(std::string &input);

    std::deque<HttpCallback> m_waiting;
};

// Builds a request with a bearer token and a JSON body.
std::string httpRequest(std::string_view method, std::string_view path, std::string_view token,
                        std::string_view body);
std::string httpPost(std::string_view path, std::string_view token, std::string_view body);

} // namespace bench
