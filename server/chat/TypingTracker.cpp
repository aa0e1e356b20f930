#include "chat/TypingTracker.h"

#include "presence/PresenceRegistry.h"
#include "protocol/Envelope.h"
#include "protocol/Packets.h"

namespace harajchat {

using protocol::PresenceKind;

TypingTracker::TypingTracker(PresenceRegistry &presence, qint64 timeoutMs, QObject *parent)
    : QObject(parent)
    , m_presence(presence)
    , m_timeoutMs(timeoutMs)
{
    connect(&m_presence, &PresenceRegistry::userOffline, this, &TypingTracker::stopAllOf);
}

void TypingTracker::startTyping(qint64 userId, const QString &topicId, qint64 peerId)
{
    Entry &entry = m_typing[Key(userId, topicId)];
    if (!entry.timer) {
        entry.peerId = peerId;
        entry.timer = new QTimer(this);
        entry.timer->setSingleShot(true);
        entry.timer->setInterval(int(m_timeoutMs));
        connect(entry.timer, &QTimer::timeout, this,
                [this, userId, topicId] { stopTyping(userId, topicId); });
    }
    entry.timer->start(); // each `typing` restarts the countdown
    m_presence.sendToUser(peerId, protocol::toCompactJson(protocol::presencePacket(
                                      PresenceKind::Typing, userId, topicId)));
}

void TypingTracker::stopTyping(qint64 userId, const QString &topicId)
{
    const auto found = m_typing.find(Key(userId, topicId));
    if (found == m_typing.end())
        return;
    const Entry entry = found.value();
    m_typing.erase(found);
    entry.timer->deleteLater(); // may be the timer whose timeout called us
    m_presence.sendToUser(entry.peerId, protocol::toCompactJson(protocol::presencePacket(
                                            PresenceKind::StopTyping, userId, topicId)));
}

void TypingTracker::stopAllOf(qint64 userId)
{
    QList<QString> topics;
    for (auto it = m_typing.cbegin(); it != m_typing.cend(); ++it) {
        if (it.key().first == userId)
            topics.append(it.key().second);
    }
    for (const QString &topicId : topics)
        stopTyping(userId, topicId);
}

} // namespace harajchat
