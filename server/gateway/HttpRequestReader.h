#pragma once

#include "gateway/HttpRequestHead.h"

#include <QByteArrayView>

namespace harajchat {

struct HttpLimits
{
    qint64 maxHeaderBytes = 16 * 1024;
    qint64 maxBodyBytes = 64 * 1024;
    qint64 idleTimeoutMs = 60000;
};

// Frames the requests of one HTTP/1.1 connection out of the bytes it receives: a head, then a body
// by Content-Length or chunked coding (RFC 9112 §6-7). It is given what has arrived and not been
// consumed yet, and says how much it consumed; it never consumes beyond the end of a request, so
// what follows an upgrade stays with the connection. No socket here: every byte sequence can be
// fed to it, split anywhere.
class HttpRequestReader
{
public:
    enum class State
    {
        Reading, // more bytes are needed
        Ready,   // a whole request is read: takeRequest()
        Refused, // the input cannot be served: answer refusal(), then close
    };

    explicit HttpRequestReader(const HttpLimits &limits);

    // Reads from the start of `input`; returns the number of bytes consumed. While Reading, call
    // again once more has arrived, with the unconsumed bytes first.
    qsizetype read(QByteArrayView input);
    // At most this many bytes are of use to the next read(): a larger input is read no further.
    qsizetype wanted() const;

    State state() const { return m_state; }
    // True once per request whose head asks for `100 Continue` while its body is still to come.
    bool takeContinueRequest();
    // The request read (Ready); the reader goes on with the next one.
    HttpRequest takeRequest();
    HttpRefusal refusal() const { return m_refusal; }

private:
    enum class Part
    {
        Head,
        Body,      // m_remaining bytes of a Content-Length body
        ChunkSize, // a chunk-size line, with extensions
        ChunkData, // m_remaining bytes of a chunk
        ChunkEnd,  // the line end after a chunk's data
        Trailer,   // trailer lines up to the empty one
    };

    qsizetype readHead(QByteArrayView input);
    std::optional<HttpRefusal> startBody();
    qsizetype readBody(QByteArrayView input);
    qsizetype readChunkSize(QByteArrayView input);
    qsizetype readChunkEnd(QByteArrayView input);
    qsizetype readTrailer(QByteArrayView input);
    qsizetype refuse(HttpRefusal refusal);
    void finish();

    HttpLimits m_limits;
    State m_state = State::Reading;
    Part m_part = Part::Head;
    HttpRequest m_request;
    qint64 m_remaining = 0;
    qint64 m_trailerBytes = 0;
    bool m_continueRequested = false;
    HttpRefusal m_refusal = HttpRefusal::BadRequest;
};

} // namespace harajchat
