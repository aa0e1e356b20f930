#include "push/FcmLegacyTransport.h"

#include "app/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

namespace harajchat {

namespace {
constexpr int RequestTimeoutMs = 30000;

PushOutcome resultOutcome(const QJsonObject &result)
{
    PushOutcome outcome;
    const QString error = result.value(QLatin1String("error")).toString();
    const QString newToken = result.value(QLatin1String("registration_id")).toString();
    if (error.isEmpty() && !newToken.isEmpty()) {
        outcome.kind = PushOutcome::ReplaceToken;
        outcome.newToken = newToken;
    } else if (error.isEmpty()) {
        outcome.kind = PushOutcome::Sent;
    } else if (error == QLatin1String("NotRegistered") ||
               error == QLatin1String("InvalidRegistration")) {
        outcome.kind = PushOutcome::DropToken;
    } else if (error == QLatin1String("Unavailable") ||
               error == QLatin1String("InternalServerError")) {
        outcome.kind = PushOutcome::Retry;
    } else {
        outcome.kind = PushOutcome::Failed;
        qCWarning(lcPush) << "FCM refused a push:" << error;
    }
    return outcome;
}
} // namespace

FcmLegacyTransport::FcmLegacyTransport(QUrl endpoint, QByteArray serverKey,
                                       QNetworkAccessManager &network, QObject *parent)
    : PushTransport(parent)
    , m_endpoint(std::move(endpoint))
    , m_serverKey(std::move(serverKey))
    , m_network(network)
{}

QJsonObject FcmLegacyTransport::requestBody(const PushBatch &batch)
{
    QJsonArray tokens;
    for (const PushRecord &record : batch.records)
        tokens.append(record.token);
    QJsonObject body{{QStringLiteral("registration_ids"), tokens},
                     {QStringLiteral("priority"), QStringLiteral("high")},
                     {QStringLiteral("time_to_live"), remainingTtlSecs(batch.expiresAtMs)},
                     {QStringLiteral("data"), dataPayload(batch.notice)}};
    if (batch.platform == QLatin1String("ios")) {
        // FCM turns these into the spec's APNs payload: alert, sound, mutable-content.
        body.insert(QStringLiteral("mutable_content"), true);
        body.insert(QStringLiteral("notification"),
                    QJsonObject{{QStringLiteral("title"), batch.notice.title},
                                {QStringLiteral("body"), batch.notice.body},
                                {QStringLiteral("sound"), QStringLiteral("default")}});
    }
    return body;
}

void FcmLegacyTransport::send(const PushBatch &batch,
                              std::function<void(QVector<PushOutcome>)> done)
{
    QNetworkRequest request(m_endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "key=" + m_serverKey);
    request.setTransferTimeout(RequestTimeoutMs);
    QNetworkReply *reply =
        m_network.post(request, QJsonDocument(requestBody(batch)).toJson(QJsonDocument::Compact));
    const int count = int(batch.records.size());
    connect(reply, &QNetworkReply::finished, this, [reply, count, done] {
        reply->deleteLater();
        done(outcomesOf(*reply, count));
    });
}

QVector<PushOutcome> FcmLegacyTransport::outcomesOf(QNetworkReply &reply, int count)
{
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    PushOutcome whole; // the same for every token when the request as a whole failed
    whole.retryAfterMs = retryAfterMs(reply);
    if (status == 401) {
        qCCritical(lcPush) << "FCM rejected the server key (401): check push/server_key";
        whole.configError = true;
        return QVector<PushOutcome>(count, whole);
    }
    if (status == 400) {
        whole.kind = PushOutcome::Failed;
        return QVector<PushOutcome>(count, whole);
    }
    if (status != 200)
        return QVector<PushOutcome>(count, whole); // 5xx or no answer: retry all
    const QJsonArray results =
        QJsonDocument::fromJson(reply.readAll()).object().value(QLatin1String("results")).toArray();
    QVector<PushOutcome> outcomes;
    for (int i = 0; i < count; ++i)
        outcomes.append(i < results.size() ? resultOutcome(results.at(i).toObject()) : whole);
    return outcomes;
}

} // namespace harajchat
