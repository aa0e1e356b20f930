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
    // Percent-decoded, except `%2F` and `%25`, which stay encoded: a segment never splits in two
    // (RFC 3986 §2.2). "*" for `OPTIONS *`.
    QString path;
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

    // The status and error of the contract's table, with another HTTP status: the protocol's own
    // refusals (414, 426, 431, 501, 505) have no row there, so they name the closest one.
    static HttpResponse error(protocol::ApiError error, int status);

    // Without the body for a HEAD request; its Content-Length still tells the GET's.
    QByteArray serialize(bool keepAlive, bool withBody = true) const;
};

} // namespace harajchat
