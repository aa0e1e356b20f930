#include "push/AccessTokenSource.h"

#include "app/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>

namespace harajchat {

namespace {
// Renew this long before the token runs out, so no request goes out with a dying one.
constexpr int RenewMarginSecs = 60;
constexpr int TokenRequestTimeoutMs = 30000;
} // namespace

AccessTokenSource::AccessTokenSource(ServiceAccount account, QNetworkAccessManager &network,
                                     QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_network(network)
{}

void AccessTokenSource::withToken(std::function<void(const QByteArray &)> done)
{
    if (!m_token.isEmpty() && QDateTime::currentDateTimeUtc() < m_validUntil) {
        done(m_token);
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
    QNetworkRequest request{QUrl(m_account.tokenUri)};
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(TokenRequestTimeoutMs);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        m_token = answer.value(QLatin1String("access_token")).toString().toLatin1();
        const int lifetime = answer.value(QLatin1String("expires_in")).toInt(3600);
        m_validUntil = QDateTime::currentDateTimeUtc().addSecs(qMax(0, lifetime - RenewMarginSecs));
        if (m_token.isEmpty())
            qCCritical(lcPush) << "OAuth2 token request to" << m_account.tokenUri << "failed:"
                               << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                               << reply->errorString();
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &done : waiting)
            done(m_token);
    });
}

} // namespace harajchat
