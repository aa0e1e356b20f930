#include "push/FcmV1Transport.h"

#include "app/Logging.h"
#include "protocol/JsonText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

namespace harajchat {

using protocol::appendJsonKey;
using protocol::appendJsonString;
using protocol::appendJsonStringFromUtf8;

namespace {
// The token is dead: FCM's own error code says UNREGISTERED (404, or a 400 whose details carry
// it), or INVALID_ARGUMENT names the token among its field violations.
bool blamesToken(const QJsonObject &error)
{
    for (const QJsonValue &detail : error.value(QLatin1String("details")).toArray()) {
        const QJsonObject fields = detail.toObject();
        if (fields.value(QLatin1String("errorCode")).toString() == QLatin1String("UNREGISTERED"))
            return true;
        for (const QJsonValue &violation :
             fields.value(QLatin1String("fieldViolations")).toArray()) {
            if (violation.toObject().value(QLatin1String("field")).toString() ==
                QLatin1String("message.token"))
                return true;
        }
    }
    return false;
}
} // namespace

FcmV1Transport::FcmV1Transport(const QUrl &endpoint, const ServiceAccount &account,
                               const HttpClientPool::Settings &connections, QObject *parent)
    : PushTransport(endpoint, connections, parent)
    , m_target((endpoint.path(QUrl::FullyEncoded) +
                QStringLiteral("/v1/projects/%1/messages:send").arg(account.projectId))
                   .toUtf8())
    , m_tokens(account, HttpClientPool::Settings{2, connections.timeoutMs, connections.idleCloseMs,
                                                 connections.maxBodyBytes})
{}

// Keys in sorted order, as everywhere the daemon writes JSON itself; "token" comes last.
QByteArray FcmV1Transport::requestBodyBeforeToken(const PushBatch &batch)
{
    QByteArray out;
    out.reserve(2 * batch.notice.xdataJson.size() + 400);
    appendJsonKey(out.append('{'), "message");
    out.append('{');
    if (batch.platform == QLatin1String("ios")) {
        appendJsonKey(out, "apns");
        appendJsonKey(out.append('{'), "headers");
        appendJsonKey(out.append('{'), "apns-collapse-id");
        appendJsonString(out, batch.collapseKey());
        appendJsonKey(out.append(','), "apns-expiration");
        out.append('"').append(QByteArray::number(batch.expiresAtMs / 1000)).append('"');
        out.append(",\"apns-priority\":\"10\",\"apns-push-type\":\"alert\"}");
        appendJsonKey(out.append(','), "payload");
        out.append(apnsPayloadJson(batch.notice)).append('}');
    } else {
        appendJsonKey(out, "android");
        appendJsonKey(out.append('{'), "collapse_key");
        appendJsonString(out, batch.collapseKey());
        out.append(",\"priority\":\"HIGH\",\"ttl\":\"")
            .append(QByteArray::number(remainingTtlSecs(batch.expiresAtMs)))
            .append("s\"}");
        // FCM v1 `data` values must be strings: the message travels as JSON text.
        appendJsonKey(out.append(','), "data");
        appendJsonKey(out.append('{'), "xdata");
        appendJsonStringFromUtf8(out, batch.notice.xdataJson);
        appendJsonKey(out.append(','), "xto");
        out.append("\"[").append(QByteArray::number(batch.notice.recipientId)).append("]\"");
        out.append(",\"xtype\":\"NEW_MESSAGE\"}");
    }
    appendJsonKey(out.append(','), "token");
    return out;
}

QByteArray FcmV1Transport::requestBody(const QByteArray &beforeToken, const QString &token)
{
    QByteArray out = beforeToken;
    appendJsonString(out, token);
    return out.append("}}");
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
    const QByteArray beforeToken = requestBodyBeforeToken(batch);
    for (int i = 0; i < batch.records.size(); ++i) {
        sendOne(requestBody(beforeToken, batch.records.at(i).token), false,
                [pending, i, done](PushOutcome outcome) {
                    pending->outcomes[i] = outcome;
                    if (--pending->remaining == 0)
                        done(pending->outcomes);
                });
    }
}

void FcmV1Transport::sendOne(const QByteArray &body, bool afterRefresh,
                             std::function<void(PushOutcome)> done)
{
    m_tokens.withToken([this, body, afterRefresh, done](AccessTokenSource::Status status,
                                                        const QByteArray &accessToken) {
        if (status != AccessTokenSource::Status::Ready) {
            // No token: the push waits its normal backoff; refused credentials wait longer.
            PushOutcome outcome;
            outcome.configError = status == AccessTokenSource::Status::Refused;
            done(outcome);
            return;
        }
        m_pool.post({m_target, "application/json", "Bearer " + accessToken, body},
                    [this, body, afterRefresh, done](const HttpClientResponse &response) {
                        if (response.status == 401 && !afterRefresh) {
                            m_tokens.invalidate(); // fetch a new token and try once more
                            sendOne(body, true, done);
                            return;
                        }
                        done(outcomeOf(response));
                    });
    });
}

PushOutcome FcmV1Transport::outcomeOf(const HttpClientResponse &response)
{
    const int status = response.status;
    if (status == 200)
        return {PushOutcome::Sent, 0, {}, false}; // the answer names the message: nothing to read
    const QJsonObject error =
        QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject();
    const QString code = error.value(QLatin1String("status")).toString();
    PushOutcome outcome;
    outcome.retryAfterMs = retryAfterMs(response.retryAfter, QDateTime::currentMSecsSinceEpoch());
    if (status == 404 || code == QLatin1String("UNREGISTERED") ||
        ((status == 400 || code == QLatin1String("INVALID_ARGUMENT")) && blamesToken(error))) {
        outcome.kind = PushOutcome::DropToken;
    } else if (status == 401) {
        qCCritical(lcPush) << "FCM refused our OAuth2 token twice (401): check push/credentials";
        outcome.configError = true;
    } else if (status == 400 || status == 403) {
        outcome.kind = PushOutcome::Failed;
        qCWarning(lcPush) << "FCM refused a push:" << status << code
                          << error.value(QLatin1String("message")).toString();
    } else if (status == 0) {
        qCDebug(lcPush) << "no answer from FCM:" << response.error;
    }
    // Anything else (429, 5xx, UNAVAILABLE, INTERNAL, no answer) is retried.
    return outcome;
}

} // namespace harajchat
