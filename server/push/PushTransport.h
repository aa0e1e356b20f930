#pragma once

#include "push/PushPayload.h"
#include "storage/Storage.h"

#include <QObject>
#include <QVector>
#include <functional>

class QNetworkReply;

namespace harajchat {

// Pushes of one message to devices of one platform.
struct PushBatch
{
    QVector<PushRecord> records;
    PushNotice notice; // already fitted to FCM's size limit
    QString platform;  // "android" or "ios"
    QString topicId;
    qint64 expiresAtMs = 0;
};

// What became of one push (spec/push.md "Answers").
struct PushOutcome
{
    enum Kind
    {
        Sent,
        Retry,
        DropToken,
        ReplaceToken,
        Failed
    } kind = Retry;
    qint64 retryAfterMs = 0;  // Retry: at the earliest after this long (from Retry-After)
    QString newToken;         // ReplaceToken: the pushed was delivered, the device has a new token
    bool configError = false; // Retry caused by our credentials: retry slowly, log loudly
};

// One way of talking to FCM. Outcomes come back index-aligned with batch.records.
class PushTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual int maxBatchSize() const = 0;
    virtual void send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done) = 0;
};

// Retry-After in seconds or as an HTTP date; 0 when absent.
qint64 retryAfterMs(const QNetworkReply &reply);

// Remaining time to live in whole seconds, at least 1.
qint64 remainingTtlSecs(qint64 expiresAtMs);

} // namespace harajchat
