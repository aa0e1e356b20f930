#include "gateway/HttpRequestReader.h"

#include <algorithm>

namespace harajchat {

namespace {
// Longer request lines are 414 (RFC 9112 §3 recommends supporting at least 8,000 octets).
constexpr qsizetype MaxRequestLineBytes = 8 * 1024;
// A chunk-size line with its extensions.
constexpr qsizetype MaxChunkLineBytes = 1024;
// 15 hex digits are 2^60 bytes: anything longer is over any limit, and cannot overflow.
constexpr qsizetype MaxChunkSizeDigits = 15;
constexpr qsizetype MaxLengthDigits = 18;

// The end of the line starting at `from`: the index of its LF, or -1 when it has not arrived.
// `content` gets the line without its CRLF or LF.
qsizetype lineEnd(QByteArrayView input, qsizetype from, QByteArrayView *content)
{
    const qsizetype end = input.indexOf('\n', from);
    if (end >= 0) {
        *content = input.sliced(from, end - from);
        if (content->endsWith('\r'))
            content->chop(1);
    }
    return end;
}

bool isAllDigits(QByteArrayView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A chunk's size in hex, then nothing or extensions, which are ignored (RFC 9112 §7.1.1).
std::optional<qint64> parseChunkSize(QByteArrayView line, bool *tooLarge)
{
    qsizetype digits = 0;
    qint64 size = 0;
    for (; digits < line.size(); ++digits) {
        const int value = hexDigit(line.at(digits));
        if (value < 0)
            break;
        if (digits == MaxChunkSizeDigits) {
            *tooLarge = true;
            return std::nullopt;
        }
        size = size * 16 + value;
    }
    QByteArrayView rest = line.sliced(digits);
    while (rest.startsWith(' ') || rest.startsWith('\t'))
        rest = rest.sliced(1);
    if (digits == 0 || (!rest.isEmpty() && !rest.startsWith(';')))
        return std::nullopt;
    const bool controls = std::any_of(rest.begin(), rest.end(), [](char c) {
        return (uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f;
    });
    return controls ? std::nullopt : std::optional<qint64>(size);
}
} // namespace

HttpRequestReader::HttpRequestReader(const HttpLimits &limits)
    : m_limits(limits)
{}

qsizetype HttpRequestReader::read(QByteArrayView input)
{
    qsizetype consumed = 0;
    while (m_state == State::Reading) {
        const QByteArrayView rest = input.sliced(consumed);
        qsizetype used = 0;
        switch (m_part) {
        case Part::Head:
            used = readHead(rest);
            break;
        case Part::Body:
        case Part::ChunkData:
            used = readBody(rest);
            break;
        case Part::ChunkSize:
            used = readChunkSize(rest);
            break;
        case Part::ChunkEnd:
            used = readChunkEnd(rest);
            break;
        case Part::Trailer:
            used = readTrailer(rest);
            break;
        }
        consumed += used;
        if (used == 0)
            break;
    }
    return consumed;
}

qsizetype HttpRequestReader::wanted() const
{
    // Enough to finish the part, or to see that it is over its limit.
    switch (m_part) {
    case Part::Head:
        return m_limits.maxHeaderBytes + 4;
    case Part::Body:
    case Part::ChunkData:
        return m_remaining;
    case Part::ChunkSize:
        return MaxChunkLineBytes + 1;
    case Part::ChunkEnd:
        return 2;
    case Part::Trailer:
        return m_limits.maxHeaderBytes + 3 - m_trailerBytes;
    }
    return 0;
}

bool HttpRequestReader::takeContinueRequest()
{
    const bool requested = m_continueRequested && m_state == State::Reading;
    m_continueRequested = false;
    return requested;
}

HttpRequest HttpRequestReader::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = {};
    m_state = State::Reading;
    m_part = Part::Head;
    m_trailerBytes = 0;
    m_continueRequested = false;
    return request;
}

qsizetype HttpRequestReader::readHead(QByteArrayView input)
{
    // Empty lines before a request line are ignored (RFC 9112 §2.6).
    qsizetype start = 0;
    while (start < input.size() &&
           (input.at(start) == '\n' || input.sliced(start).startsWith("\r\n")))
        start += input.at(start) == '\n' ? 1 : 2;
    const qsizetype maxLine = std::min<qsizetype>(MaxRequestLineBytes, m_limits.maxHeaderBytes);
    QByteArrayView line;
    qsizetype end = lineEnd(input, start, &line);
    // Without its LF yet, the line may still end in a CR that is not part of it.
    if ((end < 0 && input.size() - start > maxLine + 1) || (end >= 0 && line.size() > maxLine))
        return refuse(HttpRefusal::UriTooLong);
    // The head ends at its first empty line.
    qsizetype contentEnd = end;
    while (end >= 0 && !line.isEmpty()) {
        contentEnd = end;
        end = lineEnd(input, end + 1, &line);
    }
    if (end < 0 || end - start > m_limits.maxHeaderBytes + 2) {
        if (input.size() - start > m_limits.maxHeaderBytes + 2)
            return refuse(HttpRefusal::HeaderFieldsTooLarge);
        return start; // the head is still arriving
    }
    QByteArrayView head = input.sliced(start, contentEnd - start);
    if (head.endsWith('\r'))
        head.chop(1);
    std::variant<HttpRequest, HttpRefusal> parsed = parseRequestHead(head);
    if (const auto *refused = std::get_if<HttpRefusal>(&parsed))
        return refuse(*refused);
    m_request = std::move(std::get<HttpRequest>(parsed));
    if (const std::optional<HttpRefusal> refused = startBody())
        return refuse(*refused);
    return end + 1;
}

// Decides how the body is framed (RFC 9112 §6.3): chunked, a Content-Length, or none.
std::optional<HttpRefusal> HttpRequestReader::startBody()
{
    const bool hasLength = m_request.hasHeader("content-length");
    m_remaining = 0;
    if (m_request.hasHeader("transfer-encoding")) {
        // Both framings at once is how requests are smuggled past proxies: refused.
        if (hasLength || m_request.http10)
            return HttpRefusal::BadRequest;
        const QList<QByteArray> codings =
            m_request.header("transfer-encoding").toLower().split(',');
        for (const QByteArray &coding : codings) {
            if (coding.trimmed() != "chunked")
                return HttpRefusal::NotImplemented;
        }
        if (codings.size() > 1) // chunked twice
            return HttpRefusal::BadRequest;
        m_part = Part::ChunkSize;
    } else {
        const QByteArray length = m_request.header("content-length");
        if (hasLength && !isAllDigits(length))
            return HttpRefusal::BadRequest;
        if (length.size() > MaxLengthDigits || length.toLongLong() > m_limits.maxBodyBytes)
            return HttpRefusal::ContentTooLarge;
        m_remaining = length.toLongLong();
        m_request.body.reserve(m_remaining);
        m_part = Part::Body;
        if (m_remaining == 0) {
            finish();
            return std::nullopt;
        }
    }
    m_continueRequested = m_request.header("expect").toLower() == "100-continue";
    return std::nullopt;
}

qsizetype HttpRequestReader::readBody(QByteArrayView input)
{
    const qsizetype taken = qsizetype(std::min<qint64>(input.size(), m_remaining));
    m_request.body.append(input.first(taken));
    m_remaining -= taken;
    if (m_remaining == 0) {
        if (m_part == Part::Body)
            finish();
        else
            m_part = Part::ChunkEnd;
    }
    return taken;
}

qsizetype HttpRequestReader::readChunkSize(QByteArrayView input)
{
    QByteArrayView line;
    const qsizetype end = lineEnd(input, 0, &line);
    if (end < 0)
        return input.size() > MaxChunkLineBytes ? refuse(HttpRefusal::BadRequest) : 0;
    bool tooLarge = false;
    const std::optional<qint64> size = parseChunkSize(line, &tooLarge);
    if (!size || end > MaxChunkLineBytes)
        return refuse(tooLarge ? HttpRefusal::ContentTooLarge : HttpRefusal::BadRequest);
    if (m_request.body.size() + *size > m_limits.maxBodyBytes)
        return refuse(HttpRefusal::ContentTooLarge);
    m_remaining = *size;
    m_part = *size == 0 ? Part::Trailer : Part::ChunkData;
    return end + 1;
}

qsizetype HttpRequestReader::readChunkEnd(QByteArrayView input)
{
    if (input.isEmpty() || input == "\r")
        return 0;
    const qsizetype size = input.startsWith("\r\n") ? 2 : input.startsWith('\n') ? 1 : 0;
    if (size == 0)
        return refuse(HttpRefusal::BadRequest);
    m_part = Part::ChunkSize;
    return size;
}

// Trailer fields are read and dropped: nothing here needs them (RFC 9110 §6.5.1 allows it).
qsizetype HttpRequestReader::readTrailer(QByteArrayView input)
{
    QByteArrayView line;
    const qsizetype end = lineEnd(input, 0, &line);
    const qint64 total = m_trailerBytes + (end < 0 ? input.size() : end + 1);
    if (total > m_limits.maxHeaderBytes + 2)
        return refuse(HttpRefusal::HeaderFieldsTooLarge);
    if (end < 0)
        return 0;
    m_trailerBytes = total;
    if (line.isEmpty()) {
        finish();
        return end + 1;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line.contains('\r') || line.startsWith(' ') || line.startsWith('\t'))
        return refuse(HttpRefusal::BadRequest);
    return end + 1;
}

qsizetype HttpRequestReader::refuse(HttpRefusal refusal)
{
    m_state = State::Refused;
    m_refusal = refusal;
    return 0;
}

void HttpRequestReader::finish()
{
    m_state = State::Ready;
}

} // namespace harajchat
