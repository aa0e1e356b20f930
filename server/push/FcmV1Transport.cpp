#include "push/FcmV1Transport.h"

#include "app/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <memory>

namespace harajchat {

namespace {
constexpr int RequestTimeoutMs = 30000;

// FCM v1 `data` values must be strings.
QJsonObject stringData(const PushNotice &notice)
{
    QJsonObject data;
    const QJsonObject payload = dataPayload(notice);
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        const QJsonValue value = it.value();
        const QJsonDocument nested =
            value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
        data.insert(it.key(), value.isString()
                                  ? value.toString()
                                  : QString::fromUtf8(nested.toJson(QJsonDocument::Compact)));
    }
    return data;
}

// INVALID_ARGUMENT names the token among its field violations when the token is malformed.
bool blamesToken(const QJsonObject &error)
{
    for (const QJsonValue &detail : error.value(QLatin1String("details")).toArray()) {
        for (const QJsonValue &violation :
             detail.toObject().value(QLatin1String("fieldViolations")).toArray()) {
            if (violation.toObject().value(QLatin1String("field")).toString() ==
                QLatin1String("message.token"))
                return true;
        }
    }
    return false;
}
} // namespace

FcmV1Transport::FcmV1Transport(QUrl endpoint, const ServiceAccount &account,
                               QNetworkAccessManager &network, QObject *parent)
    : PushTransport(parent)
    , m_network(network)
    , m_tokens(account, network)
{
    endpoint.setPath(endpoint.path() +
                     QStringLiteral("/v1/projects/%1/messages:send").arg(account.projectId));
    m_sendUrl = endpoint;
}

QJsonObject FcmV1Transport::requestBody(const PushBatch &batch, const QString &token)
{
    QJsonObject message{{QStringLiteral("token"), token}};
    if (batch.platform == QLatin1String("ios")) {
        message.insert(
            QStringLiteral("apns"),
            QJsonObject{{QStringLiteral("headers"),
                         QJsonObject{{QStringLiteral("apns-priority"), QStringLiteral("10")},
                                     {QStringLiteral("apns-push-type"), QStringLiteral("alert")},
                                     {QStringLiteral("apns-expiration"),
                                      QString::number(batch.expiresAtMs / 1000)},
                                     {QStringLiteral("apns-collapse-id"), batch.topicId}}},
                        {QStringLiteral("payload"), apnsPayload(batch.notice)}});
    } else {
        message.insert(
            QStringLiteral("android"),
            QJsonObject{{QStringLiteral("priority"), QStringLiteral("HIGH")},
                        {QStringLiteral("ttl"),
                         QStringLiteral("%1s").arg(remainingTtlSecs(batch.expiresAtMs))}});
        message.insert(QStringLiteral("data"), stringData(batch.notice));
    }
    return {{QStringLiteral("message"), message}};
}

void FcmV1Transport::send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done)
{
    struct Pending
    {
        QVector<PushOutcome> outcomes;
        int remaining = 0;
    };
    auto pending = std::make_shared<Pending>();
    pending->outcomes.resize(batch.records.size());
    pending->remaining = int(batch.records.size());
    for (int i = 0; i < batch.records.size(); ++i) {
        sendOne(batch, i, false, [pending, i, done](PushOutcome outcome) {
            pending->outcomes[i] = outcome;
            if (--pending->remaining == 0)
                done(pending->outcomes);
        });
    }
}

void FcmV1Transport::sendOne(const PushBatch &batch, int index, bool afterRefresh,
                             std::function<void(PushOutcome)> done)
{
    m_tokens.withToken([this, batch, index, afterRefresh, done](const QByteArray &accessToken) {
        if (accessToken.isEmpty()) {
            PushOutcome outcome;
            outcome.configError = true;
            done(outcome);
            return;
        }
        QNetworkRequest request(m_sendUrl);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + accessToken);
        request.setTransferTimeout(RequestTimeoutMs);
        QNetworkReply *reply =
            m_network.post(request, QJsonDocument(requestBody(batch, batch.records.at(index).token))
                                        .toJson(QJsonDocument::Compact));
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, batch, index, afterRefresh, done] {
                    reply->deleteLater();
                    const int status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    if (status == 401 && !afterRefresh) {
                        m_tokens.invalidate(); // fetch a new token and try once more
                        sendOne(batch, index, true, done);
                        return;
                    }
                    done(outcomeOf(*reply));
                });
    });
}

PushOutcome FcmV1Transport::outcomeOf(QNetworkReply &reply)
{
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject error =
        QJsonDocument::fromJson(reply.readAll()).object().value(QLatin1String("error")).toObject();
    const QString code = error.value(QLatin1String("status")).toString();
    PushOutcome outcome;
    outcome.retryAfterMs = retryAfterMs(reply);
    if (status == 200) {
        outcome.kind = PushOutcome::Sent;
    } else if (status == 404 || code == QLatin1String("UNREGISTERED") ||
               (code == QLatin1String("INVALID_ARGUMENT") && blamesToken(error))) {
        outcome.kind = PushOutcome::DropToken;
    } else if (status == 401) {
        qCCritical(lcPush) << "FCM refused our OAuth2 token twice (401): check push/credentials";
        outcome.configError = true;
    } else if (status == 400 || status == 403) {
        outcome.kind = PushOutcome::Failed;
        qCWarning(lcPush) << "FCM refused a push:" << status << code
                          << error.value(QLatin1String("message")).toString();
    }
    // Anything else (429, 5xx, UNAVAILABLE, INTERNAL, no answer) is retried.
    return outcome;
}

} // namespace harajchat
