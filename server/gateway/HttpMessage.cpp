#include "gateway/HttpMessage.h"

#include "protocol/Envelope.h"

#include <QUrl>
#include <algorithm>
#include <cstring>

namespace harajchat {

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Internal Server Error");
    }
}

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

std::optional<QString> decodePath(QByteArrayView rawPath)
{
    if (!rawPath.startsWith('/'))
        return std::nullopt;
    const QString path = QUrl::fromPercentEncoding(rawPath.toByteArray());
    if (path.contains(QChar::ReplacementCharacter) || path.contains(QChar(0)))
        return std::nullopt;
    return path;
}

// Matches a header (or any name-value pair) by its lower-case name.
auto named(QByteArrayView lowerCaseName)
{
    return [lowerCaseName](const auto &header) { return header.first == lowerCaseName; };
}
} // namespace

bool HttpRequest::hasHeader(QByteArrayView lowerCaseName) const
{
    return std::any_of(headers.cbegin(), headers.cend(), named(lowerCaseName));
}

QByteArray HttpRequest::header(QByteArrayView lowerCaseName) const
{
    const auto found = std::find_if(headers.cbegin(), headers.cend(), named(lowerCaseName));
    return found == headers.cend() ? QByteArray() : found->second;
}

void HttpRequest::setHeader(const QByteArray &lowerCaseName, const QByteArray &value)
{
    const auto found = std::find_if(headers.begin(), headers.end(), named(lowerCaseName));
    if (found == headers.end())
        headers.append({lowerCaseName, value});
    else
        found->second = value;
}

void HttpRequest::addHeader(const QByteArray &lowerCaseName, const QByteArray &value)
{
    const auto found = std::find_if(headers.begin(), headers.end(), named(lowerCaseName));
    if (found == headers.end())
        headers.append({lowerCaseName, value});
    else
        found->second = found->second.isEmpty() ? value : found->second + ", " + value;
}

void HttpRequest::removeHeader(QByteArrayView lowerCaseName)
{
    headers.removeIf(named(lowerCaseName));
}

QString HttpRequest::pathParam(QStringView name) const
{
    for (const auto &param : pathParams) {
        if (param.first == name)
            return param.second;
    }
    return {};
}

bool HttpRequest::wantsClose() const
{
    const QByteArray connection = header("connection").toLower();
    return http10 ? !connection.contains("keep-alive") : connection.contains("close");
}

HttpResponse HttpResponse::success(int status, const QJsonObject &data)
{
    return successJson(status, protocol::toCompactJson(data));
}

HttpResponse HttpResponse::successJson(int status, const QByteArray &dataJson)
{
    return {status, protocol::successEnvelopeJson(status, dataJson), {}};
}

HttpResponse HttpResponse::error(protocol::ApiError error)
{
    return {
        protocol::httpStatus(error), protocol::toCompactJson(protocol::errorEnvelope(error)), {}};
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &header : headers)
        out += header.first + ": " + header.second + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    out += body;
    return out;
}

std::optional<HttpRequest> parseRequestHead(QByteArrayView head)
{
    // Headers are looked up in a list (HttpRequest), so their number is bounded: real clients send
    // a dozen, and a head of thousands of tiny ones would cost quadratic time to fold.
    constexpr int MaxHeaders = 100;
    qsizetype lineEnd = head.indexOf('\n');
    const QByteArrayView requestLine = head.first(lineEnd < 0 ? head.size() : lineEnd).trimmed();
    const qsizetype methodEnd = requestLine.indexOf(' ');
    const qsizetype targetEnd = requestLine.indexOf(' ', methodEnd + 1);
    if (methodEnd < 0 || targetEnd < 0 || requestLine.indexOf(' ', targetEnd + 1) >= 0)
        return std::nullopt;
    HttpRequest request;
    request.method = requestLine.first(methodEnd).toByteArray();
    const QByteArrayView version = requestLine.sliced(targetEnd + 1);
    if (!isToken(request.method) || (version != "HTTP/1.1" && version != "HTTP/1.0"))
        return std::nullopt;
    request.http10 = version == "HTTP/1.0";
    request.headers.reserve(8); // a typical client's, in one allocation

    const QByteArrayView target = requestLine.sliced(methodEnd + 1, targetEnd - methodEnd - 1);
    const qsizetype queryStart = target.indexOf('?');
    const std::optional<QString> path =
        decodePath(queryStart < 0 ? target : target.first(queryStart));
    if (!path)
        return std::nullopt;
    request.path = *path;
    if (queryStart >= 0)
        request.query.setQuery(QString::fromUtf8(target.sliced(queryStart + 1)));

    for (int count = 0; lineEnd >= 0; ++count) {
        if (count == MaxHeaders)
            return std::nullopt;
        const qsizetype lineStart = lineEnd + 1;
        lineEnd = head.indexOf('\n', lineStart);
        QByteArrayView line =
            head.sliced(lineStart, (lineEnd < 0 ? head.size() : lineEnd) - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return std::nullopt;
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
        request.addHeader(name, value);
    }
    return request;
}

} // namespace harajchat
