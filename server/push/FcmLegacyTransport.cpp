#include "push/FcmLegacyTransport.h"

#include "app/Logging.h"
#include "protocol/JsonText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace harajchat {

using protocol::appendJsonKey;
using protocol::appendJsonString;

namespace {
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

FcmLegacyTransport::FcmLegacyTransport(const QUrl &endpoint, const QByteArray &serverKey,
                                       const HttpClientPool::Settings &connections, QObject *parent)
    : PushTransport(endpoint, connections, parent)
    , m_target(endpoint.path(QUrl::FullyEncoded).toLatin1())
    , m_authorization("key=" + serverKey)
{
    if (endpoint.hasQuery())
        m_target += '?' + endpoint.query(QUrl::FullyEncoded).toLatin1();
    if (m_target.isEmpty())
        m_target = "/";
}

// Keys in sorted order, as everywhere the daemon writes JSON itself.
QByteArray FcmLegacyTransport::requestBody(const PushBatch &batch)
{
    const QByteArray data = dataPayloadJson(batch.notice);
    QByteArray out;
    out.reserve(data.size() + 200 + 160 * batch.records.size());
    appendJsonKey(out.append('{'), "collapse_key");
    appendJsonString(out, batch.collapseKey());
    appendJsonKey(out.append(','), "data");
    out.append(data);
    if (batch.platform == QLatin1String("ios")) {
        // FCM turns these into the spec's APNs payload: alert, sound, mutable-content.
        out.append(",\"mutable_content\":true");
        appendJsonKey(out.append(','), "notification");
        appendJsonKey(out.append('{'), "body");
        appendJsonString(out, batch.notice.body);
        out.append(",\"sound\":\"default\"");
        appendJsonKey(out.append(','), "title");
        appendJsonString(out, batch.notice.title);
        out.append('}');
    }
    out.append(",\"priority\":\"high\"");
    appendJsonKey(out.append(','), "registration_ids");
    out.append('[');
    for (qsizetype i = 0; i < batch.records.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendJsonString(out, batch.records.at(i).token);
    }
    out.append(']');
    appendJsonKey(out.append(','), "time_to_live");
    out.append(QByteArray::number(remainingTtlSecs(batch.expiresAtMs))).append('}');
    return out;
}

void FcmLegacyTransport::send(const PushBatch &batch,
                              std::function<void(QVector<PushOutcome>)> done)
{
    const int count = int(batch.records.size());
    m_pool.post(
        {m_target, "application/json", m_authorization, requestBody(batch)},
        [count, done](const HttpClientResponse &response) { done(outcomesOf(response, count)); });
}

QVector<PushOutcome> FcmLegacyTransport::outcomesOf(const HttpClientResponse &response, int count)
{
    PushOutcome whole; // the same for every token when the request as a whole failed
    whole.retryAfterMs = retryAfterMs(response.retryAfter, QDateTime::currentMSecsSinceEpoch());
    if (response.status == 401) {
        qCCritical(lcPush) << "FCM rejected the server key (401): check push/server_key";
        whole.configError = true;
        return QVector<PushOutcome>(count, whole);
    }
    if (response.status == 400) {
        whole.kind = PushOutcome::Failed;
        return QVector<PushOutcome>(count, whole);
    }
    if (response.status != 200) {
        if (response.status == 0)
            qCDebug(lcPush) << "no answer from FCM:" << response.error;
        return QVector<PushOutcome>(count, whole); // 5xx or no answer: retry all
    }
    const QJsonArray results =
        QJsonDocument::fromJson(response.body).object().value(QLatin1String("results")).toArray();
    QVector<PushOutcome> outcomes;
    for (int i = 0; i < count; ++i)
        outcomes.append(i < results.size() ? resultOutcome(results.at(i).toObject()) : whole);
    return outcomes;
}

} // namespace harajchat
