#pragma once

#include "push/HttpClientPool.h"
#include "push/ServiceAccount.h"

#include <QElapsedTimer>
#include <QObject>
#include <functional>
#include <optional>

namespace harajchat {

// OAuth2 access tokens for FCM HTTP v1: a signed assertion is exchanged at the token URI, and the
// answer is kept until shortly before it expires. Callers waiting during a fetch share it. After a
// failed fetch the next one waits 1 s, then 2 s, 4 s ... (at most a minute); callers meanwhile are
// told the token is unavailable, so their pushes retry on their own schedule.
class AccessTokenSource : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Ready,
        Unavailable, // the token endpoint failed or did not answer: try again later
        Refused,     // the endpoint refused our credentials: a configuration error
    };
    using Callback = std::function<void(Status, const QByteArray &token)>;

    AccessTokenSource(ServiceAccount account, const HttpClientPool::Settings &connections,
                      QObject *parent = nullptr);

    void withToken(Callback done);
    // After a 401: the cached token is not trusted any more.
    void invalidate() { m_validUntilMs.reset(); }

private:
    void fetch();
    void conclude(Status status);

    ServiceAccount m_account;
    QByteArray m_target;
    HttpClientPool m_pool;
    QElapsedTimer m_clock; // started in the constructor
    QByteArray m_token;
    std::optional<qint64> m_validUntilMs;  // no token yet, or none trusted: empty
    std::optional<qint64> m_nextFetchAtMs; // after failures: no fetch before this
    Status m_lastFailure = Status::Unavailable;
    int m_failures = 0;
    QList<Callback> m_waiting;
};

} // namespace harajchat
