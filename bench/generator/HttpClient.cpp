#include "HttpClient.h"

#include <cstdlib>
#include <strings.h>

namespace bench {

namespace {
// Position of the value of a header (case-insensitive name) inside a response head.
std::size_t headerValue(std::string_view head, std::string_view name)
{
    std::size_t line = head.find("\r\n");
    while (line != std::string_view::npos && line + 2 < head.size()) {
        const std::size_t start = line + 2;
        if (head.size() > start + name.size() &&
            strncasecmp(head.data() + start, name.data(), name.size()) == 0 &&
            head[start + name.size()] == ':')
            return start + name.size() + 1;
        line = head.find("\r\n", start);
    }
    return std::string_view::npos;
}
} // namespace

HttpClient::HttpClient(EventLoop &loop)
    : TcpStream(loop)
{}

void HttpClient::request(std::string raw, HttpCallback done)
{
    m_waiting.push_back(std::move(done));
    write(raw);
}

void HttpClient::onInput(std::string &input)
{
    while (!m_waiting.empty() && readAnswer(input)) {
    }
}

bool HttpClient::readAnswer(std::string &input)
{
    const std::size_t headEnd = input.find("\r\n\r\n");
    if (headEnd == std::string::npos || input.size() < 12)
        return false;
    const std::string_view head(input.data(), headEnd + 2);
    const std::size_t lengthAt = headerValue(head, "content-length");
    const std::size_t length =
        lengthAt == std::string_view::npos ? 0 : std::strtoul(head.data() + lengthAt, nullptr, 10);
    if (input.size() < headEnd + 4 + length)
        return false;
    const int status = std::atoi(input.c_str() + 9);
    HttpCallback done = std::move(m_waiting.front());
    m_waiting.pop_front();
    done(status, std::string_view(input.data() + headEnd + 4, length));
    input.erase(0, headEnd + 4 + length);
    if (onIdle)
        onIdle();
    return true;
}

void HttpClient::onClosed()
{
    // Every request still waiting has failed.
    std::deque<HttpCallback> failed;
    failed.swap(m_waiting);
    for (HttpCallback &done : failed)
        done(0, {});
}

std::string httpRequest(std::string_view method, std::string_view path, std::string_view token,
                        std::string_view body)
{
    std::string raw;
    raw.reserve(path.size() + token.size() + body.size() + 128);
    raw.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    raw.append("Authorization: Bearer ").append(token).append("\r\n");
    raw.append("Content-Type: application/json\r\nContent-Length: ");
    raw.append(std::to_string(body.size())).append("\r\n\r\n").append(body);
    return raw;
}

std::string httpPost(std::string_view path, std::string_view token, std::string_view body)
{
    return httpRequest("POST", path, token, body);
}

} // namespace bench
