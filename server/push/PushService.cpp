#include "push/PushService.h"

#include "app/Logging.h"
#include "push/FcmLegacyTransport.h"
#include "push/FcmV1Transport.h"
#include "storage/StorageQueue.h"

#include <QAbstractEventDispatcher>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QRandomGenerator>
#include <QThread>

namespace harajchat {

namespace {
// Answers wait this long for company before they are written: one commit for many of them, and
// still a push FCM accepted is marked sent within milliseconds.
constexpr int SettleDelayMs = 2;
// On a stop, requests in flight get this long to be answered before their leases are left to
// the next start (or, on PostgreSQL, to the other nodes).
constexpr qint64 StopGraceMs = 2000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

std::unique_ptr<PushService>
PushService::create(const PushSettings &settings, StorageQueue &storage, const QString &leaseHolder,
                    std::unique_ptr<QAbstractEventDispatcher> dispatcher, QString *error)
{
    std::unique_ptr<PushService> service(new PushService(settings, storage, leaseHolder));
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
    if (dispatcher)
        service->m_thread->setEventDispatcher(dispatcher.release()); // the thread owns it
    service->moveToThread(service->m_thread);
    service->m_thread->start();
    QMetaObject::invokeMethod(service.get(), &PushService::startOnThread, Qt::QueuedConnection);
    return service;
}

PushService::PushService(const PushSettings &settings, StorageQueue &storage,
                         const QString &leaseHolder)
    : m_settings(settings)
    , m_outbox(settings, leaseHolder)
    , m_storage(storage)
{}

PushService::~PushService()
{
    if (!m_thread)
        return;
    QThread *owner = QThread::currentThread();
    QMetaObject::invokeMethod(
        this,
        [this, owner] {
            stopOnThread();
            moveToThread(owner);
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    // Answers of jobs posted before the stop are delivered to this object: wait for them all.
    m_storage.call<bool>([](Storage &) { return true; });
}

void PushService::startOnThread()
{
    const HttpClientPool::Settings connections{m_settings.maxInFlight, m_settings.requestTimeoutMs,
                                               60000, 1 << 20};
    if (m_account)
        m_transport = new FcmV1Transport(m_settings.endpoint, *m_account, connections, this);
    else
        m_transport =
            new FcmLegacyTransport(m_settings.endpoint, m_settings.serverKey, connections, this);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(SettleDelayMs);
    connect(m_flushTimer, &QTimer::timeout, this, &PushService::flushSettlements);
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(int(m_settings.pollIntervalMs));
    connect(m_pollTimer, &QTimer::timeout, this, &PushService::claimDue);
    m_pollTimer->start();
    qCInfo(lcPush) << "push via" << m_settings.transport << "to" << m_settings.endpoint.toString()
                   << "with up to" << m_settings.maxInFlight << "requests in flight";
    // Leases of a process that is gone (the previous run, on SQLite; a dead node) are released,
    // then what is due goes out.
    m_claiming = true;
    m_storage.post<int>(
        this, [](Storage &storage) { return storage.releaseOrphanLeases(nowMs()); },
        [this](StorageResult<int> released) {
            m_claiming = false;
            if (released.ok && released.value > 0)
                qCInfo(lcPush) << released.value << "pushes left in flight by a stopped process"
                               << "go out again";
            claimDue();
        });
}

void PushService::stopOnThread()
{
    m_stopping = true;
    m_pollTimer->stop();
    // Pushes not sent yet are due again at once, for the next start or another node.
    for (const PushBatch &batch : m_waiting) {
        for (const PushRecord &record : batch.records)
            m_settlements.append({PushSettlement::Release, record, nowMs(), {}});
    }
    m_waiting.clear();
    m_waitingRecords = 0;
    QElapsedTimer grace;
    grace.start();
    while (m_transport->backlog() > 0 && grace.elapsed() < StopGraceMs)
        QThread::currentThread()->eventDispatcher()->processEvents(QEventLoop::WaitForMoreEvents);
    if (!m_settlements.isEmpty()) {
        const QVector<PushSettlement> settlements = std::exchange(m_settlements, {});
        const auto settled = m_storage.call<int>(
            [&settlements](Storage &storage) { return storage.settlePushes(settlements); });
        if (settled.ok)
            count(std::exchange(m_untallied, {}), settled.value);
    }
    delete m_transport; // what is still in flight stays leased (see PushOutbox::LeaseMs)
    m_transport = nullptr;
    delete m_pollTimer;
    delete m_flushTimer;
}

void PushService::send(const QueuedPushes &pushes)
{
    QMetaObject::invokeMethod(
        this,
        [this, pushes] {
            m_queued += pushes.records.size();
            m_dropped += pushes.dropped;
            if (pushes.dropped > 0)
                qCWarning(lcPush) << "outbox full: dropped" << pushes.dropped << "oldest pushes";
            if (m_stopping) // stored and leased: released at the next start
                return;
            take(pushes.records);
        },
        Qt::QueuedConnection);
}

void PushService::take(const QVector<PushRecord> &records)
{
    // One request (or request group) per message and platform.
    QMap<std::tuple<QString, qint64, QString>, PushBatch> batches;
    for (const PushRecord &push : records) {
        if (m_held.contains(push.key()))
            continue; // a claim found a push that is here already
        m_held.insert(push.key());
        PushBatch &batch = batches[std::make_tuple(push.topicId, push.seqId, push.platform)];
        if (batch.records.isEmpty()) {
            batch.notice = fitPayloadLimit(
                pushNoticeFor(push.messageJson, push.recipientId, m_settings.defaultBody));
            batch.platform = push.platform;
            batch.topicId = push.topicId;
            batch.seqId = push.seqId;
            batch.expiresAtMs = push.expiresAtMs;
        }
        batch.records.append(push);
    }
    const int maxBatch = m_transport->maxBatchSize();
    for (const PushBatch &group : std::as_const(batches)) {
        for (qsizetype start = 0; start < group.records.size(); start += maxBatch) {
            PushBatch batch = group;
            batch.records = group.records.mid(start, maxBatch);
            m_waitingRecords += batch.records.size();
            m_waiting.push_back(std::move(batch));
        }
    }
    // Memory holds a bounded line: what does not fit is due again in the outbox, and is claimed
    // from there as requests free up.
    while (m_waitingRecords > m_settings.maxWaiting() && m_waiting.size() > 1) {
        const PushBatch released = std::move(m_waiting.back());
        m_waiting.pop_back();
        m_waitingRecords -= released.records.size();
        for (const PushRecord &record : released.records) {
            m_held.remove(record.key());
            settle({PushSettlement::Release, record, nowMs(), {}});
        }
    }
    dispatch();
}

void PushService::dispatch()
{
    while (!m_waiting.empty() && !m_stopping) {
        const int requests = m_transport->requestsFor(m_waiting.front());
        const int backlog = m_transport->backlog();
        if (backlog > 0 && backlog + requests > m_settings.maxInFlight)
            return;
        PushBatch batch = std::move(m_waiting.front());
        m_waiting.pop_front();
        m_waitingRecords -= batch.records.size();
        if (batch.expiresAtMs <= nowMs()) {
            m_failed += batch.records.size();
            for (const PushRecord &record : std::as_const(batch.records)) {
                m_held.remove(record.key());
                settle({PushSettlement::Done, record, 0, {}});
            }
            continue;
        }
        sendBatch(std::move(batch));
    }
}

void PushService::sendBatch(PushBatch batch)
{
    m_inFlight += batch.records.size();
    m_transport->send(batch, [this, batch](const QVector<PushOutcome> &outcomes) {
        m_inFlight -= batch.records.size();
        handleOutcomes(batch, outcomes);
        m_connections = m_transport->connectionsOpened();
        dispatch();
    });
}

void PushService::claimDue()
{
    const qsizetype room = m_settings.maxWaiting() - m_waitingRecords;
    if (m_claiming || m_stopping || room <= 0)
        return;
    m_claiming = true;
    const QString holder = m_outbox.leaseHolder();
    const qint64 now = nowMs();
    const int limit = int(room);
    m_storage.post<PushClaim>(
        this,
        [now, holder, limit](Storage &storage) {
            return storage.claimDuePushes(now, holder, now + PushOutbox::LeaseMs, limit);
        },
        [this, limit](StorageResult<PushClaim> claim) {
            m_claiming = false;
            if (!claim.ok || m_stopping)
                return;
            m_failed += claim.value.expired;
            take(claim.value.due);
            if (claim.value.due.size() == limit) // more may be due
                QMetaObject::invokeMethod(this, &PushService::claimDue, Qt::QueuedConnection);
        });
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
    const qint64 now = nowMs();
    for (int i = 0; i < outcomes.size(); ++i) {
        PushRecord record = batch.records.at(i);
        const PushOutcome &outcome = outcomes.at(i);
        m_held.remove(record.key());
        switch (outcome.kind) {
        case PushOutcome::Sent:
            settle({PushSettlement::Done, record, 0, {}});
            ++m_untallied.sent;
            break;
        case PushOutcome::ReplaceToken:
            settle({PushSettlement::ReplaceToken, record, 0, outcome.newToken});
            ++m_untallied.sent;
            break;
        case PushOutcome::DropToken:
            settle({PushSettlement::DropToken, record, 0, {}});
            ++m_untallied.tokensDeleted;
            ++m_untallied.failed;
            break;
        case PushOutcome::Failed:
            settle({PushSettlement::Done, record, 0, {}});
            ++m_untallied.failed;
            break;
        case PushOutcome::Retry: {
            ++record.attempts;
            const qint64 wait =
                outcome.configError ? m_settings.retryCapMs : backoffMs(record.attempts);
            settle({PushSettlement::Retry, record, now + qMax(wait, outcome.retryAfterMs), {}});
            ++m_untallied.retried;
            break;
        }
        }
    }
    qCDebug(lcPush) << "answers to" << outcomes.size() << "pushes of" << batch.topicId;
}

void PushService::settle(PushSettlement settlement)
{
    m_settlements.append(std::move(settlement));
    if (!m_flushTimer->isActive() && !m_stopping)
        m_flushTimer->start();
}

// The counters tell what is recorded: a push counts as sent once its settlement is committed.
void PushService::flushSettlements()
{
    if (m_settlements.isEmpty())
        return;
    m_storage.post<int>(
        this,
        [settlements = std::exchange(m_settlements, {})](Storage &storage) {
            return storage.settlePushes(settlements);
        },
        [this, tally = std::exchange(m_untallied, {})](StorageResult<int> settled) {
            if (settled.ok)
                count(tally, settled.value);
            else // their leases run out, and the pushes go again
                qCWarning(lcPush) << "could not record what became of sent pushes";
        });
}

void PushService::count(const Tally &tally, int dropped)
{
    m_sent += tally.sent;
    m_retried += tally.retried;
    m_failed += tally.failed;
    m_tokensDeleted += tally.tokensDeleted;
    m_dropped += dropped;
    if (dropped > 0)
        qCWarning(lcPush) << "outbox full: dropped" << dropped << "oldest pushes";
}

PushCounters PushService::counters() const
{
    return {m_queued.load(),  m_sent.load(),          m_retried.load(),  m_failed.load(),
            m_dropped.load(), m_tokensDeleted.load(), m_inFlight.load(), m_connections.load()};
}

} // namespace harajchat
