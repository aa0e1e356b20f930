#include "push/AccessTokenSource.h"

#include "app/Logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace harajchat {

namespace {
// Renew this long before the token runs out, so no request goes out with a dying one.
constexpr qint64 RenewMarginMs = 60000;
constexpr qint64 FirstRetryMs = 1000;
constexpr qint64 LongestRetryMs = 60000;
} // namespace

AccessTokenSource::AccessTokenSource(ServiceAccount account,
                                     const HttpClientPool::Settings &connections, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_pool(QUrl(m_account.tokenUri), connections)
{
    const QUrl uri(m_account.tokenUri);
    m_target = uri.path(QUrl::FullyEncoded).toLatin1();
    if (uri.hasQuery())
        m_target += '?' + uri.query(QUrl::FullyEncoded).toLatin1();
    if (m_target.isEmpty())
        m_target = "/";
    m_clock.start();
}

void AccessTokenSource::withToken(Callback done)
{
    const qint64 now = m_clock.elapsed();
    if (m_validUntilMs && now < *m_validUntilMs) {
        done(Status::Ready, m_token);
        return;
    }
    if (m_nextFetchAtMs && now < *m_nextFetchAtMs) {
        done(m_lastFailure, QByteArray());
        return;
    }
    m_waiting.append(std::move(done));
    if (m_waiting.size() == 1)
        fetch();
}

void AccessTokenSource::fetch()
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"),
                      QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    form.addQueryItem(
        QStringLiteral("assertion"),
        QString::fromLatin1(oauthAssertion(m_account, QDateTime::currentSecsSinceEpoch())));
    m_pool.post({m_target,
                 "application/x-www-form-urlencoded",
                 {},
                 form.toString(QUrl::FullyEncoded).toLatin1()},
                [this](const HttpClientResponse &response) {
                    const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
                    const QByteArray token =
                        answer.value(QLatin1String("access_token")).toString().toLatin1();
                    if (response.status == 200 && !token.isEmpty()) {
                        const qint64 lifetimeMs =
                            qint64(answer.value(QLatin1String("expires_in")).toInt(3600)) * 1000;
                        m_token = token;
                        m_validUntilMs =
                            m_clock.elapsed() + qMax<qint64>(0, lifetimeMs - RenewMarginMs);
                        m_failures = 0;
                        m_nextFetchAtMs.reset();
                        conclude(Status::Ready);
                        return;
                    }
                    // 400/401/403 (invalid_grant, a revoked key): our credentials. Anything else
                    // (5xx, no answer) passes.
                    const bool refused = response.status >= 400 && response.status < 500;
                    qCCritical(lcPush).nospace()
                        << "OAuth2 token request to " << m_account.tokenUri << " failed ("
                        << response.status << " " << response.error << ")"
                        << (refused ? ": check push/credentials" : ", will retry");
                    m_nextFetchAtMs = m_clock.elapsed() +
                                      qMin(LongestRetryMs, FirstRetryMs << qMin(m_failures, 16));
                    ++m_failures;
                    m_lastFailure = refused ? Status::Refused : Status::Unavailable;
                    conclude(m_lastFailure);
                });
}

void AccessTokenSource::conclude(Status status)
{
    const auto waiting = std::exchange(m_waiting, {});
    for (const Callback &done : waiting)
        done(status, status == Status::Ready ? m_token : QByteArray());
}

} // namespace harajchat
