#include "gateway/HttpMessage.h"

#include "protocol/Envelope.h"

#include <algorithm>

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
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 426:
        return QByteArrayLiteral("Upgrade Required");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Internal Server Error");
    }
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
    return HttpResponse::error(error, protocol::httpStatus(error));
}

HttpResponse HttpResponse::error(protocol::ApiError error, int status)
{
    QJsonObject envelope = protocol::errorEnvelope(error);
    envelope.insert(QStringLiteral("status"), status);
    return {status, protocol::toCompactJson(envelope), {}};
}

QByteArray HttpResponse::serialize(bool keepAlive, bool withBody) const
{
    QByteArray out;
    out.reserve(160 + (withBody ? body.size() : 0));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &header : headers)
        out += header.first + ": " + header.second + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (withBody)
        out += body;
    return out;
}

} // namespace harajchat
