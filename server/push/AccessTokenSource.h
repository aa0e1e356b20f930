#pragma once

#include "push/ServiceAccount.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QObject>
#include <functional>

namespace harajchat {

// OAuth2 access tokens for FCM HTTP v1: a signed assertion is exchanged at the token URI, and the
// answer is kept until shortly before it expires. Callers waiting during a fetch share it.
class AccessTokenSource : public QObject
{
    Q_OBJECT
public:
    AccessTokenSource(ServiceAccount account, QNetworkAccessManager &network,
                      QObject *parent = nullptr);

    // `done` gets the token, or an empty one when it could not be fetched.
    void withToken(std::function<void(const QByteArray &)> done);
    // After a 401: the cached token is not trusted any more.
    void invalidate() { m_token.clear(); }

private:
    void fetch();

    ServiceAccount m_account;
    QNetworkAccessManager &m_network;
    QByteArray m_token;
    QDateTime m_validUntil;
    QList<std::function<void(const QByteArray &)>> m_waiting;
};

} // namespace harajchat
