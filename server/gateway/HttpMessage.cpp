#include "gateway/HttpMessage.h"

#include "protocol/Envelope.h"

#include <QUrl>

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

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c <= ' ' || c >= 127 || QByteArrayLiteral("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

std::optional<QString> decodePath(const QByteArray &rawPath)
{
    if (!rawPath.startsWith('/'))
        return std::nullopt;
    const QString path = QUrl::fromPercentEncoding(rawPath);
    if (path.contains(QChar::ReplacementCharacter) || path.contains(QChar(0)))
        return std::nullopt;
    return path;
}
} // namespace

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

std::optional<HttpRequest> parseRequestHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine[0]))
        return std::nullopt;
    HttpRequest request;
    request.method = requestLine[0];
    const QByteArray version = requestLine[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return std::nullopt;
    request.http10 = version == "HTTP/1.0";

    const QByteArray target = requestLine[1];
    const qsizetype queryStart = target.indexOf('?');
    const std::optional<QString> path =
        decodePath(queryStart < 0 ? target : target.left(queryStart));
    if (!path)
        return std::nullopt;
    request.path = *path;
    if (queryStart >= 0)
        request.query.setQuery(QString::fromUtf8(target.mid(queryStart + 1)));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return std::nullopt;
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        // Repeated headers fold into one comma-separated value (RFC 9110 5.3).
        QByteArray &slot = request.headers[name];
        slot = slot.isEmpty() ? value : slot + ", " + value;
    }
    return request;
}

} // namespace harajchat
