#pragma once

#include "push/HttpClientPool.h"
#include "push/PushPayload.h"
#include "storage/Storage.h"

#include <QObject>
#include <QVector>
#include <functional>

namespace harajchat {

// Pushes of one message to devices of one platform.
struct PushBatch
{
    QVector<PushRecord> records;
    PushNotice notice; // already fitted to FCM's size limit
    QString platform;  // "android" or "ios"
    QString topicId;
    qint64 seqId = 0;
    qint64 expiresAtMs = 0;

    // One value per message (docs/protocol.md, "Push"): a repeat of a push collapses into the
    // first on the device, distinct messages do not.
    QString collapseKey() const { return topicId + QLatin1Char(':') + QString::number(seqId); }
};

// What became of one push (docs/protocol.md "Push (push.md)"; the contract's push.md "Answers").
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

// One way of talking to FCM, over a pool of keep-alive connections to its endpoint. Outcomes come
// back index-aligned with batch.records.
class PushTransport : public QObject
{
    Q_OBJECT
public:
    PushTransport(const QUrl &endpoint, const HttpClientPool::Settings &connections,
                  QObject *parent = nullptr);

    virtual int maxBatchSize() const = 0;
    // How many requests sending the batch takes.
    virtual int requestsFor(const PushBatch &batch) const = 0;
    virtual void send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done) = 0;

    // Requests on their way or waiting for a connection.
    int backlog() const { return m_pool.inFlight() + int(m_pool.waiting()); }
    qint64 connectionsOpened() const { return m_pool.connectionsOpened(); }

protected:
    HttpClientPool m_pool;
};

// Retry-After as delay-seconds or an HTTP-date (RFC 9110 10.2.3), relative to `nowMs` (ms since
// the epoch); 0 when absent or unreadable.
qint64 retryAfterMs(const QByteArray &value, qint64 nowMs);

// Remaining time to live in whole seconds, at least 1.
qint64 remainingTtlSecs(qint64 expiresAtMs);

} // namespace harajchat
