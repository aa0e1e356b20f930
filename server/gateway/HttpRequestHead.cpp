#include "gateway/HttpRequestHead.h"

#include <cctype>
#include <cstring>

namespace harajchat {

using protocol::ApiError;

namespace {
// Headers are kept in a list (HttpRequest), so their number is bounded: real clients send a
// dozen, and a head of thousands of tiny ones would cost quadratic time to fold.
constexpr int MaxFields = 100;

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c <= ' ' || c >= 127 || std::strchr("()<>@,;:\\\"/[]?={}", c))
            return false;
    }
    return true;
}

// Visible characters, obs-text, SP and HTAB (RFC 9110 §5.5).
bool isFieldValue(QByteArrayView value)
{
    for (const char c : value) {
        const auto byte = uchar(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedWhitespace(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// Decodes percent-escapes except `%2F` and `%25`: `/chat%2Fws` is one segment, not `/chat/ws`,
// and what stays encoded cannot be mistaken for what was decoded. Equivalent encodings of other
// characters (`%74` for `t`) are the same path (RFC 3986 §6.2.2.2).
std::optional<QString> decodePath(QByteArrayView raw)
{
    if (!raw.startsWith('/'))
        return std::nullopt;
    QByteArray bytes;
    bytes.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (uchar(c) <= ' ' || uchar(c) == 0x7f || c == '#')
            return std::nullopt;
        if (c != '%') {
            bytes.append(c);
            continue;
        }
        const int high = i + 2 < raw.size() ? hexDigit(raw.at(i + 1)) : -1;
        const int low = high < 0 ? -1 : hexDigit(raw.at(i + 2));
        if (low < 0)
            return std::nullopt;
        const char decoded = char(high * 16 + low);
        if (decoded == '\0')
            return std::nullopt;
        if (decoded == '/' || decoded == '%')
            bytes.append('%').append(raw.at(i + 1)).append(char(std::toupper(raw.at(i + 2))));
        else
            bytes.append(decoded);
        i += 2;
    }
    const QString path = QString::fromUtf8(bytes);
    if (path.contains(QChar::ReplacementCharacter))
        return std::nullopt;
    return path;
}

// Splits an absolute-form target (`http://host/path?query`) into its authority and the rest,
// which is origin-form ("/" when the path is empty). Empty when `target` is not one.
std::optional<std::pair<QByteArrayView, QByteArray>> splitAbsoluteForm(QByteArrayView target)
{
    qsizetype schemeEnd = -1;
    if (target.size() > 7 &&
        QByteArrayView(target.first(7)).compare("http://", Qt::CaseInsensitive) == 0)
        schemeEnd = 7;
    else if (target.size() > 8 &&
             QByteArrayView(target.first(8)).compare("https://", Qt::CaseInsensitive) == 0)
        schemeEnd = 8;
    if (schemeEnd < 0)
        return std::nullopt;
    qsizetype authorityEnd = schemeEnd;
    while (authorityEnd < target.size() && target.at(authorityEnd) != '/' &&
           target.at(authorityEnd) != '?')
        ++authorityEnd;
    const QByteArrayView authority = target.sliced(schemeEnd, authorityEnd - schemeEnd);
    QByteArray rest = target.sliced(authorityEnd).toByteArray();
    if (!rest.startsWith('/'))
        rest.prepend('/');
    return std::make_pair(authority, rest);
}

// "HTTP/1.1" and "HTTP/1.0"; a later 1.x is served as 1.1 (RFC 9110 §6.2).
std::optional<HttpRefusal> readVersion(QByteArrayView version, HttpRequest *request)
{
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.' ||
        !std::isdigit(uchar(version.at(5))) || !std::isdigit(uchar(version.at(7))))
        return HttpRefusal::BadRequest;
    if (version.at(5) != '1')
        return HttpRefusal::VersionNotSupported;
    request->http10 = version.at(7) == '0';
    return std::nullopt;
}

// Fills the path and query; an absolute-form target's authority goes to `authority`.
std::optional<HttpRefusal> readTarget(QByteArrayView target, HttpRequest *request,
                                      std::optional<QByteArray> *authority)
{
    if (target == "*") {
        if (request->method != "OPTIONS")
            return HttpRefusal::BadRequest;
        request->path = QStringLiteral("*");
        return std::nullopt;
    }
    const auto absolute = splitAbsoluteForm(target);
    if (absolute)
        target = absolute->second;
    const qsizetype queryStart = target.indexOf('?');
    const std::optional<QString> path =
        decodePath(queryStart < 0 ? target : target.first(queryStart));
    if (!path)
        return HttpRefusal::BadRequest;
    request->path = *path;
    if (queryStart >= 0)
        request->query.setQuery(QString::fromUtf8(target.sliced(queryStart + 1)));
    if (absolute)
        *authority = absolute->first.toByteArray();
    return std::nullopt;
}

std::optional<HttpRefusal> readRequestLine(QByteArrayView line, HttpRequest *request,
                                           std::optional<QByteArray> *authority)
{
    const qsizetype methodEnd = line.indexOf(' ');
    const qsizetype targetEnd = line.indexOf(' ', methodEnd + 1);
    if (methodEnd < 0 || targetEnd < 0 || line.indexOf(' ', targetEnd + 1) >= 0)
        return HttpRefusal::BadRequest;
    request->method = line.first(methodEnd).toByteArray();
    if (!isToken(request->method))
        return HttpRefusal::BadRequest;
    if (const auto refused = readVersion(line.sliced(targetEnd + 1), request))
        return refused;
    if (request->method == "CONNECT") // a tunnel: this is no proxy
        return HttpRefusal::NotImplemented;
    return readTarget(line.sliced(methodEnd + 1, targetEnd - methodEnd - 1), request, authority);
}

// One `name: value` line into the request; fields that frame or route the request must be single.
std::optional<HttpRefusal> readField(QByteArrayView line, HttpRequest *request)
{
    if (line.startsWith(' ') || line.startsWith('\t')) // obsolete line folding (RFC 9112 §5.2)
        return HttpRefusal::BadRequest;
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return HttpRefusal::BadRequest;
    const QByteArrayView value = trimmedWhitespace(line.sliced(colon + 1));
    if (!isFieldValue(value))
        return HttpRefusal::BadRequest;
    const QByteArray name = line.first(colon).toByteArray().toLower();
    if ((name == "host" || name == "content-length") && request->hasHeader(name))
        return HttpRefusal::BadRequest;
    request->addHeader(name, value.toByteArray());
    return std::nullopt;
}

// The lines of `head`: ended by LF, a CR before it dropped; a CR anywhere else is invalid.
class LineReader
{
public:
    explicit LineReader(QByteArrayView text)
        : m_text(text)
    {}
    bool atEnd() const { return m_at > m_text.size(); }
    std::optional<QByteArrayView> next()
    {
        qsizetype end = m_text.indexOf('\n', m_at);
        if (end < 0)
            end = m_text.size();
        QByteArrayView line = m_text.sliced(m_at, end - m_at);
        m_at = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r'))
            return std::nullopt;
        return line;
    }

private:
    QByteArrayView m_text;
    qsizetype m_at = 0;
};
} // namespace

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

HttpResponse refusalResponse(HttpRefusal refusal)
{
    const int status = int(refusal);
    const bool tooLarge = refusal == HttpRefusal::ContentTooLarge ||
                          refusal == HttpRefusal::UriTooLong ||
                          refusal == HttpRefusal::HeaderFieldsTooLarge;
    return HttpResponse::error(tooLarge ? ApiError::PayloadTooLarge : ApiError::BadRequest, status);
}

std::variant<HttpRequest, HttpRefusal> parseRequestHead(QByteArrayView head)
{
    LineReader lines(head);
    HttpRequest request;
    std::optional<QByteArray> authority;
    const std::optional<QByteArrayView> requestLine = lines.next();
    if (!requestLine)
        return HttpRefusal::BadRequest;
    if (const auto refused = readRequestLine(*requestLine, &request, &authority))
        return *refused;
    request.headers.reserve(8); // a typical client's, in one allocation
    for (int count = 0; !lines.atEnd(); ++count) {
        if (count == MaxFields)
            return HttpRefusal::HeaderFieldsTooLarge;
        const std::optional<QByteArrayView> line = lines.next();
        if (!line)
            return HttpRefusal::BadRequest;
        if (const auto refused = readField(*line, &request))
            return *refused;
    }
    // Every HTTP/1.1 request names its host, once (RFC 9112 §3.2).
    if (!request.http10 && !request.hasHeader("host"))
        return HttpRefusal::BadRequest;
    // An absolute-form target names the host itself; it replaces the field (RFC 9112 §3.2.2).
    if (authority)
        request.setHeader("host", *authority);
    return request;
}

} // namespace harajchat
