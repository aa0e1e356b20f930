#include "push/PushOutbox.h"

#include <QDateTime>

namespace harajchat {

PushOutbox::PushOutbox(const PushSettings &settings, const QString &leaseHolder)
    : m_ttlMs(settings.ttlMs)
    , m_maxOutbox(settings.maxOutbox)
    , m_leaseHolder(leaseHolder)
{}

QueuedPushes PushOutbox::queue(Storage &storage, const protocol::ChatMessage &message,
                               const QByteArray &messageJson) const
{
    QueuedPushes queued;
    const QVector<DeviceRecord> devices = storage.devicesOf(message.recipientId);
    if (devices.isEmpty())
        return queued;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const DeviceRecord &device : devices)
        queued.records.append({message.topicId, message.seqId, device.token, device.platform,
                               message.recipientId, messageJson, now, now + m_ttlMs, 0});
    queued.dropped =
        storage.enqueuePushes(queued.records, m_leaseHolder, now + LeaseMs, m_maxOutbox);
    return queued;
}

} // namespace harajchat
