#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace harajchat {

// An HTTP/1.1 response as the push client needs it.
struct HttpClientResponse
{
    int status = 0; // 0: no answer (see `error`)
    QByteArray body;
    QByteArray retryAfter; // the Retry-After header's value, if any
    bool keepAlive = true; // the connection may carry the next request
    QByteArray error;      // why there is no answer
};

// Reads one HTTP/1.1 response from a connection's bytes, fed as they arrive: the status line, the
// headers, then a body framed by Content-Length, chunked transfer coding, or the end of the
// connection. Bounded: a head or body over its limit is an error, never a larger buffer.
class HttpResponseParser
{
public:
    enum class State
    {
        Incomplete, // more bytes needed
        Complete,   // response() holds the answer; the bytes after it belong to no request
        Failed,     // malformed or over a limit: the connection must close
    };

    explicit HttpResponseParser(qsizetype maxBodyBytes = 1024 * 1024);

    // Consumes what it can of `bytes`; returns the state afterwards.
    State feed(QByteArrayView bytes);
    // The connection ended: completes a body that runs to the end of the connection.
    State finish();
    // Whether any byte of this response arrived (a request answered by nothing may be resent).
    bool started() const { return m_started; }
    const HttpClientResponse &response() const { return m_response; }
    // Ready for the next response on the same connection.
    void reset();

private:
    enum class Phase
    {
        Head,
        Body,       // Content-Length bytes
        ChunkSize,  // a chunk-size line
        ChunkData,  // m_remaining bytes of a chunk, then its CRLF
        Trailer,    // trailer lines until an empty one
        UntilClose, // no length given: the body ends with the connection
        Done,
    };

    State fail(const char *why);
    bool parseHead(QByteArrayView head);
    // Takes one CRLF-terminated line out of m_pending; false when none is complete yet.
    bool takeLine(QByteArray *line);
    State step();
    bool appendBody(QByteArrayView bytes);
    // Moves what is pending of the body's remaining bytes into it; false past the limit.
    bool takeRemaining();

    const qsizetype m_maxBodyBytes;
    Phase m_phase = Phase::Head;
    QByteArray m_pending; // bytes received and not yet consumed
    qint64 m_remaining = 0;
    bool m_started = false;
    HttpClientResponse m_response;
};

} // namespace harajchat
