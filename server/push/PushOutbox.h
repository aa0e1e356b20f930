#pragma once

#include "protocol/Packets.h"
#include "push/PushSettings.h"
#include "storage/Storage.h"

namespace harajchat {

// Pushes of one message, stored by the job that stored the message.
struct QueuedPushes
{
    QVector<PushRecord> records; // leased to this node: it sends them once the commit is done
    int dropped = 0;             // older pushes pushed out of a full outbox
};

// The push side of a send, run inside the storage job that stores the message: so a message
// answered 201 has its pushes in the same commit, and a crash right after the answer loses none.
// Used on the storage thread; holds settings only.
class PushOutbox
{
public:
    // A push in flight is this node's until this much later. A live node settles every push it
    // sends within its request timeout; a dead one's leases are released at once (on SQLite at
    // the next start, on PostgreSQL when the node is reaped), so this is only a last resort.
    static constexpr qint64 LeaseMs = 120000;

    PushOutbox(const PushSettings &settings, const QString &leaseHolder);

    // One push per device the recipient registered; none when they have no device.
    QueuedPushes queue(Storage &storage, const protocol::ChatMessage &message,
                       const QByteArray &messageJson) const;
    const QString &leaseHolder() const { return m_leaseHolder; }

private:
    qint64 m_ttlMs;
    int m_maxOutbox;
    QString m_leaseHolder;
};

} // namespace harajchat
