#pragma once

#include "protocol/Packets.h"
#include "push/PushSettings.h"
#include "push/PushTransport.h"
#include "push/ServiceAccount.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>

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
};

// The push outbox worker (spec/push.md). Lives on a thread of its own with its own
// QNetworkAccessManager; talks to storage with blocking calls, which only ever block this thread.
class PushService : public QObject
{
    Q_OBJECT
public:
    // Checks the settings (credentials file included); nullptr and *error when they are unusable.
    static std::unique_ptr<PushService> create(const PushSettings &settings, StorageQueue &storage,
                                               QString *error);
    ~PushService() override;

    // Thread-safe: queues pushes of a message for every device of its recipient.
    void enqueue(const protocol::ChatMessage &message);
    PushCounters counters() const;

private:
    PushService(const PushSettings &settings, StorageQueue &storage);
    void startOnThread();
    void enqueueOnThread(const protocol::ChatMessage &message);
    void sendDue();
    void handleOutcomes(const PushBatch &batch, const QVector<PushOutcome> &outcomes);
    qint64 backoffMs(int attempts) const;

    PushSettings m_settings;
    std::optional<ServiceAccount> m_account;
    StorageQueue &m_storage;
    QThread *m_thread = nullptr;
    QNetworkAccessManager *m_network = nullptr; // created on the push thread
    PushTransport *m_transport = nullptr;
    QTimer *m_pollTimer = nullptr;

    std::atomic<qint64> m_queued{0}, m_sent{0}, m_retried{0}, m_failed{0}, m_dropped{0},
        m_tokensDeleted{0};
};

} // namespace harajchat
