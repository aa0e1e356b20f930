#include "push/PushService.h"

#include "app/Logging.h"
#include "push/FcmLegacyTransport.h"
#include "push/FcmV1Transport.h"
#include "storage/StorageQueue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMap>
#include <QRandomGenerator>
#include <QThread>

namespace harajchat {

namespace {
// A claimed push is someone's until this much later; a crash mid-request retries it then.
constexpr qint64 PushLeaseMs = 120000;
constexpr int ClaimBatches = 10;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

std::unique_ptr<PushService> PushService::create(const PushSettings &settings,
                                                 StorageQueue &storage, QString *error)
{
    std::unique_ptr<PushService> service(new PushService(settings, storage));
    if (service->m_settings.endpoint.isEmpty())
        service->m_settings.endpoint =
            QUrl(settings.transport == QLatin1String("fcm-legacy")
                     ? QStringLiteral("https://fcm.googleapis.com/fcm/send")
                     : QStringLiteral("https://fcm.googleapis.com"));
    if (settings.transport == QLatin1String("fcm-v1")) {
        service->m_account = loadServiceAccount(settings.credentialsPath, error);
        if (!service->m_account)
            return nullptr;
        if (!settings.tokenUri.isEmpty())
            service->m_account->tokenUri = settings.tokenUri;
    } else if (settings.transport != QLatin1String("fcm-legacy")) {
        *error = QStringLiteral("unknown push/transport %1").arg(settings.transport);
        return nullptr;
    }
    service->m_thread = new QThread;
    service->m_thread->setObjectName(QStringLiteral("push"));
    service->moveToThread(service->m_thread);
    service->m_thread->start();
    QMetaObject::invokeMethod(service.get(), &PushService::startOnThread, Qt::QueuedConnection);
    return service;
}

PushService::PushService(const PushSettings &settings, StorageQueue &storage)
    : m_settings(settings)
    , m_storage(storage)
{}

PushService::~PushService()
{
    if (!m_thread)
        return;
    // What lives on the push thread is taken down there; requests in flight stay in the outbox
    // (leased) and go out again after a restart.
    QThread *owner = QThread::currentThread();
    QMetaObject::invokeMethod(
        this,
        [this, owner] {
            delete m_pollTimer;
            delete m_transport;
            delete m_network;
            moveToThread(owner);
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void PushService::startOnThread()
{
    m_network = new QNetworkAccessManager;
    if (m_account)
        m_transport = new FcmV1Transport(m_settings.endpoint, *m_account, *m_network);
    else
        m_transport = new FcmLegacyTransport(m_settings.endpoint, m_settings.serverKey, *m_network);
    m_pollTimer = new QTimer;
    m_pollTimer->setInterval(int(m_settings.pollIntervalMs));
    connect(m_pollTimer, &QTimer::timeout, this, &PushService::sendDue);
    m_pollTimer->start();
    qCInfo(lcPush) << "push via" << m_settings.transport << "to" << m_settings.endpoint.toString();
    sendDue(); // what a previous run left in the outbox
}

void PushService::enqueue(const protocol::ChatMessage &message)
{
    QMetaObject::invokeMethod(
        this, [this, message] { enqueueOnThread(message); }, Qt::QueuedConnection);
}

void PushService::enqueueOnThread(const protocol::ChatMessage &message)
{
    const qint64 now = nowMs();
    const QByteArray json = QJsonDocument(message.toJson()).toJson(QJsonDocument::Compact);
    const qint64 expiresAt = now + m_settings.ttlMs;
    const int maxOutbox = m_settings.maxOutbox;
    const auto result = m_storage.call<std::pair<int, int>>([&](Storage &storage) {
        QVector<PushRecord> pushes;
        for (const DeviceRecord &device : storage.devicesOf(message.recipientId))
            pushes.append({message.topicId, message.seqId, device.token, device.platform,
                           message.recipientId, json, now, expiresAt, 0});
        return std::make_pair(int(pushes.size()), storage.enqueuePushes(pushes, maxOutbox));
    });
    if (!result.ok) {
        qCWarning(lcPush) << "could not queue pushes for message" << message.seqId;
        return;
    }
    m_queued += result.value.first;
    m_dropped += result.value.second;
    if (result.value.second > 0)
        qCWarning(lcPush) << "outbox full: dropped" << result.value.second << "oldest pushes";
    if (result.value.first > 0)
        sendDue();
}

void PushService::sendDue()
{
    const int limit = m_transport->maxBatchSize() * ClaimBatches;
    const qint64 now = nowMs();
    const auto claim = m_storage.call<PushClaim>(
        [&](Storage &storage) { return storage.claimDuePushes(now, now + PushLeaseMs, limit); });
    if (!claim.ok)
        return;
    m_failed += claim.value.expired;
    // One request (or request group) per message and platform.
    QMap<std::tuple<QString, qint64, QString>, PushBatch> batches;
    for (const PushRecord &push : claim.value.due) {
        PushBatch &batch = batches[std::make_tuple(push.topicId, push.seqId, push.platform)];
        if (batch.records.isEmpty()) {
            batch.notice =
                fitPayloadLimit(pushNoticeFor(QJsonDocument::fromJson(push.messageJson).object(),
                                              push.recipientId, m_settings.defaultBody));
            batch.platform = push.platform;
            batch.topicId = push.topicId;
            batch.expiresAtMs = push.expiresAtMs;
        }
        batch.records.append(push);
    }
    for (const PushBatch &group : std::as_const(batches)) {
        for (qsizetype start = 0; start < group.records.size();
             start += m_transport->maxBatchSize()) {
            PushBatch batch = group;
            batch.records = group.records.mid(start, m_transport->maxBatchSize());
            m_transport->send(batch, [this, batch](const QVector<PushOutcome> &outcomes) {
                handleOutcomes(batch, outcomes);
            });
        }
    }
    if (claim.value.due.size() == limit)
        QMetaObject::invokeMethod(this, &PushService::sendDue, Qt::QueuedConnection);
}

qint64 PushService::backoffMs(int attempts) const
{
    const qint64 nominal =
        qMin(m_settings.retryCapMs, m_settings.retryBaseMs << qMin(attempts - 1, 30));
    // Up to a fifth more, so devices that failed together do not retry together.
    return nominal + qint64(QRandomGenerator::global()->bounded(double(nominal) / 5));
}

void PushService::handleOutcomes(const PushBatch &batch, const QVector<PushOutcome> &outcomes)
{
    PushCounters delta;
    const qint64 now = nowMs();
    QVector<qint64> retryAt(outcomes.size());
    for (int i = 0; i < outcomes.size(); ++i) {
        const PushOutcome &outcome = outcomes.at(i);
        const int attempts = batch.records.at(i).attempts + 1;
        const qint64 wait = outcome.configError ? m_settings.retryCapMs : backoffMs(attempts);
        retryAt[i] = now + qMax(wait, outcome.retryAfterMs);
    }
    const auto stored = m_storage.call<bool>([&](Storage &storage) {
        for (int i = 0; i < outcomes.size(); ++i) {
            PushRecord record = batch.records.at(i);
            const PushOutcome &outcome = outcomes.at(i);
            switch (outcome.kind) {
            case PushOutcome::Sent:
                storage.completePush(record);
                ++delta.sent;
                break;
            case PushOutcome::ReplaceToken:
                storage.completePush(record);
                storage.replaceDeviceToken(record.token, outcome.newToken);
                ++delta.sent;
                break;
            case PushOutcome::DropToken:
                storage.forgetDeviceToken(record.token);
                ++delta.tokensDeleted;
                ++delta.failed;
                break;
            case PushOutcome::Failed:
                storage.completePush(record);
                ++delta.failed;
                break;
            case PushOutcome::Retry:
                ++record.attempts;
                storage.reschedulePush(record, retryAt.at(i));
                ++delta.retried;
                break;
            }
        }
        return true;
    });
    if (!stored.ok)
        return; // the leases run out and the pushes are tried again
    m_sent += delta.sent;
    m_retried += delta.retried;
    m_failed += delta.failed;
    m_tokensDeleted += delta.tokensDeleted;
    qCDebug(lcPush) << "batch of" << outcomes.size() << "for" << batch.topicId << "sent"
                    << delta.sent << "retry" << delta.retried << "failed" << delta.failed;
}

PushCounters PushService::counters() const
{
    return {m_queued.load(), m_sent.load(),    m_retried.load(),
            m_failed.load(), m_dropped.load(), m_tokensDeleted.load()};
}

} // namespace harajchat
