#pragma once

#include "protocol/ApiError.h"

#include <QByteArray>
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
    // Names in lower case. Requests carry a few headers and the routes a parameter or two: lists
    // are searched faster than hashes are built, and cost one allocation each.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QPair<QString, QString>> pathParams; // filled by the router from `{name}` segments

    bool hasHeader(QByteArrayView lowerCaseName) const;
    QByteArray header(QByteArrayView lowerCaseName) const;
    void setHeader(const QByteArray &lowerCaseName, const QByteArray &value);
    // A repeated header folds into one comma-separated value (RFC 9110 5.3).
    void addHeader(const QByteArray &lowerCaseName, const QByteArray &value);
    void removeHeader(QByteArrayView lowerCaseName);
    QString pathParam(QStringView name) const;
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
std::optional<HttpRequest> parseRequestHead(QByteArrayView head);

} // namespace harajchat
