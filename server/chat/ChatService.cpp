#include "chat/ChatService.h"

#include "chat/TypingTracker.h"
#include "presence/PresenceRegistry.h"
#include "protocol/Envelope.h"
#include "protocol/Ids.h"

#include <QDateTime>
#include <QJsonDocument>

namespace harajchat {

ChatService::ChatService(StorageQueue &storage, PresenceRegistry &presence,
                         const ChatSettings &settings, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_presence(presence)
    , m_settings(settings)
    , m_typing(new TypingTracker(presence, settings.typingTimeoutMs, this))
{}

protocol::ChatMessage ChatService::toChatMessage(const StoredMessage &stored)
{
    const auto members = protocol::p2pTopicMembers(stored.topicId);
    const qint64 recipientId = !members                          ? 0
                               : members->first == stored.fromId ? members->second
                                                                 : members->first;
    return {stored.topicId,
            stored.seqId,
            stored.fromId,
            stored.fromName,
            QJsonDocument::fromJson(stored.contentJson).object(),
            recipientId,
            stored.read,
            stored.createdAtMs};
}

void ChatService::send(qint64 fromId, const QString &topicId, const QJsonObject &content,
                       const QString &clientMsgId, std::function<void(const SendOutcome &)> done)
{
    const QByteArray contentJson = QJsonDocument(content).toJson(QJsonDocument::Compact);
    const qint64 dedupeWindowMs = m_settings.dedupeWindowMs;
    m_storage.submit<MessageInsert>(
        this,
        [=](Storage &storage) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            return storage.insertMessage(topicId, fromId, contentJson, clientMsgId, now,
                                         now - dedupeWindowMs);
        },
        [this, done](StorageResult<MessageInsert> result) {
            SendOutcome outcome;
            if (!result.ok) {
                done(outcome);
                return;
            }
            outcome.message = toChatMessage(result.value.message);
            switch (result.value.outcome) {
            case MessageInsert::NoTopic:
                outcome.status = SendOutcome::NoTopic;
                break;
            case MessageInsert::Duplicate:
                outcome.status = SendOutcome::Duplicate; // delivered the first time already
                break;
            case MessageInsert::Stored:
                outcome.status = SendOutcome::Created;
                ++m_messagesStored;
                deliver(outcome.message);
                break;
            }
            done(outcome);
        });
}

void ChatService::deliver(const protocol::ChatMessage &message)
{
    // The typing indicator ends right before the message it announced.
    m_typing->stopTyping(message.fromId, message.topicId);
    if (!m_presence.isOnline(message.recipientId)) {
        emit recipientOffline(message);
        return;
    }
    m_presence.sendToUser(message.recipientId,
                          protocol::toCompactJson(protocol::messagePacket(message)));
}

void ChatService::markRead(qint64 readerId, const QString &topicId, qint64 senderId,
                           const QVector<qint64> &seqIds, qint64 upTo,
                           std::function<void(StorageResult<QVector<qint64>>)> done)
{
    m_storage.submit<QVector<qint64>>(
        this,
        [=](Storage &storage) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            return seqIds.isEmpty() ? storage.markReadUpTo(topicId, senderId, upTo, now)
                                    : storage.markRead(topicId, senderId, seqIds, now);
        },
        [this, readerId, topicId, senderId, done](StorageResult<QVector<qint64>> result) {
            if (result.ok && !result.value.isEmpty())
                m_presence.sendToUser(senderId, protocol::toCompactJson(protocol::readsPacket(
                                                    readerId, topicId, result.value)));
            done(result);
        });
}

void ChatService::setTyping(qint64 userId, const QString &topicId, qint64 peerId, bool typing)
{
    if (typing)
        m_typing->startTyping(userId, topicId, peerId);
    else
        m_typing->stopTyping(userId, topicId);
}

} // namespace harajchat
