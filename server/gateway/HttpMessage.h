#pragma once

#include "protocol/ApiError.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <optional>

namespace harajchat {

struct HttpRequest
{
    QByteArray method;
    QString path; // percent-decoded segments joined by '/'
    QUrlQuery query;
    bool http10 = false;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHash<QString, QString> pathParams; // filled by the router from `{name}` segments

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    bool wantsClose() const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    // The contract's envelope: {"status", "data", "ts"} or {"status", "err", "ts"}.
    static HttpResponse success(int status, const QJsonObject &data);
    // The same around `data` already in compact JSON.
    static HttpResponse successJson(int status, const QByteArray &dataJson);
    static HttpResponse error(protocol::ApiError error);

    QByteArray serialize(bool keepAlive) const;
};

// Parses a request head (request line and header lines, without the blank line).
// nullopt when it is not well-formed HTTP/1.x.
std::optional<HttpRequest> parseRequestHead(const QByteArray &head);

} // namespace harajchat
