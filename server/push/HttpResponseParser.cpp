#include "push/HttpResponseParser.h"

#include <QList>
#include <optional>

namespace harajchat {

namespace {
// A response head (status line and headers) longer than this is refused.
constexpr qsizetype MaxHeadBytes = 64 * 1024;
// A chunk-size line (hex digits, extensions) or a trailer line longer than this is refused.
constexpr qsizetype MaxLineBytes = 4096;

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// Whether a comma-separated header value lists `token`.
bool listsToken(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &item : value.toByteArray().split(',')) {
        if (equalsIgnoringCase(item.trimmed(), token))
            return true;
    }
    return false;
}
} // namespace

HttpResponseParser::HttpResponseParser(qsizetype maxBodyBytes)
    : m_maxBodyBytes(maxBodyBytes)
{}

void HttpResponseParser::reset()
{
    m_phase = Phase::Head;
    m_remaining = 0;
    m_started = false;
    m_response = HttpClientResponse();
    // m_pending keeps whatever followed the previous response: a server may not send any, and
    // the connection is closed if it did (see HttpClientPool), but the parser stays exact.
}

HttpResponseParser::State HttpResponseParser::fail(const char *why)
{
    m_response.status = 0;
    m_response.error = why;
    m_phase = Phase::Done;
    return State::Failed;
}

HttpResponseParser::State HttpResponseParser::feed(QByteArrayView bytes)
{
    if (m_phase == Phase::Done)
        return m_response.status ? State::Complete : State::Failed;
    if (!bytes.isEmpty())
        m_started = true;
    m_pending.append(bytes.data(), bytes.size());
    return step();
}

HttpResponseParser::State HttpResponseParser::finish()
{
    if (m_phase == Phase::UntilClose) {
        m_phase = Phase::Done;
        m_response.keepAlive = false;
        return State::Complete;
    }
    if (m_phase == Phase::Done)
        return m_response.status ? State::Complete : State::Failed;
    return fail(m_started ? "the connection closed inside a response"
                          : "the connection closed without an answer");
}

bool HttpResponseParser::takeLine(QByteArray *line)
{
    const qsizetype end = m_pending.indexOf("\r\n");
    if (end < 0)
        return false;
    *line = m_pending.left(end);
    m_pending.remove(0, end + 2);
    return true;
}

bool HttpResponseParser::appendBody(QByteArrayView bytes)
{
    if (m_response.body.size() + bytes.size() > m_maxBodyBytes)
        return false;
    m_response.body.append(bytes.data(), bytes.size());
    return true;
}

bool HttpResponseParser::takeRemaining()
{
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, m_pending.size()));
    if (!appendBody(QByteArrayView(m_pending).first(take)))
        return false;
    m_pending.remove(0, take);
    m_remaining -= take;
    return true;
}

HttpResponseParser::State HttpResponseParser::step()
{
    for (;;) {
        switch (m_phase) {
        case Phase::Head: {
            const qsizetype end = m_pending.indexOf("\r\n\r\n");
            if (end < 0)
                return m_pending.size() > MaxHeadBytes ? fail("response head too long")
                                                       : State::Incomplete;
            if (end > MaxHeadBytes)
                return fail("response head too long");
            const QByteArray head = m_pending.left(end);
            m_pending.remove(0, end + 4);
            if (!parseHead(head))
                return State::Failed;
            break;
        }
        case Phase::Body:
            if (!takeRemaining())
                return fail("response body too large");
            if (m_remaining > 0)
                return State::Incomplete;
            m_phase = Phase::Done;
            break;
        case Phase::ChunkSize: {
            QByteArray line;
            if (!takeLine(&line))
                return m_pending.size() > MaxLineBytes ? fail("chunk size line too long")
                                                       : State::Incomplete;
            const qsizetype extension = line.indexOf(';');
            const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
            bool ok = false;
            const qint64 size = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0)
                return fail("malformed chunk size");
            if (size == 0) {
                m_phase = Phase::Trailer;
            } else {
                m_remaining = size;
                m_phase = Phase::ChunkData;
            }
            break;
        }
        case Phase::ChunkData: {
            if (!takeRemaining())
                return fail("response body too large");
            if (m_remaining > 0)
                return State::Incomplete;
            if (m_pending.size() < 2)
                return State::Incomplete;
            if (!m_pending.startsWith("\r\n"))
                return fail("chunk not followed by CRLF");
            m_pending.remove(0, 2);
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailer: {
            QByteArray line;
            if (!takeLine(&line))
                return m_pending.size() > MaxLineBytes ? fail("trailer line too long")
                                                       : State::Incomplete;
            if (line.isEmpty())
                m_phase = Phase::Done;
            break;
        }
        case Phase::UntilClose:
            if (!appendBody(m_pending))
                return fail("response body too large");
            m_pending.clear();
            return State::Incomplete;
        case Phase::Done:
            return State::Complete;
        }
    }
}

bool HttpResponseParser::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    // Status line: HTTP/1.x SP 3DIGIT SP reason
    const QByteArray statusLine = lines.first().trimmed();
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' ' ||
        !isDigits(QByteArrayView(statusLine).sliced(9, 3)) ||
        (statusLine.size() > 12 && statusLine.at(12) != ' ')) {
        fail("malformed status line");
        return false;
    }
    const int status = statusLine.mid(9, 3).toInt();
    if (status < 100 || status > 599) {
        fail("malformed status code");
        return false;
    }
    if (status < 200)
        return true; // an interim answer (100 Continue): the real one follows
    const bool http10 = statusLine.at(7) == '0';
    std::optional<qint64> contentLength;
    bool chunked = false;
    bool close = http10;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail("malformed header line");
            return false;
        }
        const QByteArrayView name = QByteArrayView(line).first(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (equalsIgnoringCase(name, "content-length")) {
            if (!isDigits(value) || value.size() > 15 ||
                (contentLength && *contentLength != value.toLongLong())) {
                fail("malformed Content-Length");
                return false;
            }
            contentLength = value.toLongLong();
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            chunked = listsToken(value, "chunked");
        } else if (equalsIgnoringCase(name, "connection")) {
            if (listsToken(value, "close"))
                close = true;
            else if (listsToken(value, "keep-alive"))
                close = false;
        } else if (equalsIgnoringCase(name, "retry-after")) {
            m_response.retryAfter = value;
        }
    }
    m_response.status = status;
    m_response.keepAlive = !close;
    // 204 and 304 have no body (RFC 9112 6.3); a push request never asks for HEAD.
    if (status == 204 || status == 304) {
        m_phase = Phase::Done;
    } else if (chunked) {
        m_phase = Phase::ChunkSize;
    } else if (contentLength) {
        if (*contentLength > m_maxBodyBytes) {
            fail("response body too large");
            return false;
        }
        m_remaining = *contentLength;
        m_phase = m_remaining > 0 ? Phase::Body : Phase::Done;
    } else {
        m_phase = Phase::UntilClose;
        m_response.keepAlive = false;
    }
    return true;
}

} // namespace harajchat
