#pragma once

#include "push/PushOutbox.h"
#include "push/PushSettings.h"
#include "push/PushTransport.h"
#include "push/ServiceAccount.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <deque>
#include <memory>

class QAbstractEventDispatcher;

namespace harajchat {

class StorageQueue;

struct PushCounters
{
    qint64 queued = 0;
    qint64 sent = 0;
    qint64 retried = 0;
    qint64 failed = 0;  // refused for good, or out of time to live
    qint64 dropped = 0; // pushed out of a full outbox
    qint64 tokensDeleted = 0;
    qint64 inFlight = 0;    // requests sent to FCM and not answered yet
    qint64 connections = 0; // connections opened to FCM since start
};

// The push outbox worker (docs/protocol.md "Push (push.md)"). Lives on a thread of its own; sends
// the pushes a send job stored the moment their commit is done, many requests at once
// (push/max_in_flight), and writes what became of them back to the outbox in batches. Pushes that
// wait (retries, a previous run's, a dead node's) are claimed from the outbox as room allows.
class PushService : public QObject
{
    Q_OBJECT
public:
    // Checks the settings (credentials file included); nullptr and *error when they are unusable.
    // `leaseHolder` names this node in the outbox; `dispatcher` (may be null: Qt's own) runs the
    // push thread, which holds a socket per request in flight.
    static std::unique_ptr<PushService> create(const PushSettings &settings, StorageQueue &storage,
                                               const QString &leaseHolder,
                                               std::unique_ptr<QAbstractEventDispatcher> dispatcher,
                                               QString *error);
    ~PushService() override;

    // What the send path runs inside its storage job (thread-safe: settings only).
    const PushOutbox &outbox() const { return m_outbox; }
    // Thread-safe: pushes just stored and leased to this node go out now.
    void send(const QueuedPushes &pushes);
    PushCounters counters() const;

private:
    PushService(const PushSettings &settings, StorageQueue &storage, const QString &leaseHolder);

    void startOnThread();
    void stopOnThread();
    void take(const QVector<PushRecord> &records);
    void dispatch();
    void sendBatch(PushBatch batch);
    void claimDue();
    // What a batch of settlements adds to the counters, once it is committed.
    struct Tally
    {
        qint64 sent = 0, retried = 0, failed = 0, tokensDeleted = 0;
    };

    void handleOutcomes(const PushBatch &batch, const QVector<PushOutcome> &outcomes);
    void settle(PushSettlement settlement);
    void flushSettlements();
    void count(const Tally &tally, int dropped);
    qint64 backoffMs(int attempts) const;

    PushSettings m_settings;
    PushOutbox m_outbox;
    std::optional<ServiceAccount> m_account;
    StorageQueue &m_storage;
    QThread *m_thread = nullptr;
    PushTransport *m_transport = nullptr; // created on the push thread
    QTimer *m_pollTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
    std::deque<PushBatch> m_waiting; // to be sent as requests free up
    qsizetype m_waitingRecords = 0;
    QSet<QString> m_held;                  // keys of the pushes waiting or in flight here
    QVector<PushSettlement> m_settlements; // to be written in the next flush
    Tally m_untallied;                     // what they add to the counters
    bool m_claiming = false;
    bool m_stopping = false;

    std::atomic<qint64> m_queued{0}, m_sent{0}, m_retried{0}, m_failed{0}, m_dropped{0},
        m_tokensDeleted{0}, m_inFlight{0}, m_connections{0};
};

} // namespace harajchat
