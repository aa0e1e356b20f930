#include "chat/ChatService.h"

#include "chat/TypingTracker.h"
#include "cluster/ClusterEvents.h"
#include "presence/PresenceRegistry.h"
#include "protocol/Envelope.h"
#include "protocol/Ids.h"

#include <QDateTime>
#include <QJsonDocument>

namespace harajchat {

namespace {
struct StoredSend
{
    MessageInsert insert;
    bool published = false; // to the cluster, which delivers it on every node
};

struct StoredReads
{
    QVector<qint64> changed;
    QByteArray packet; // the `reads` packet, when something changed
    bool published = false;
};
} // namespace

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
    return toChatMessage(stored, QJsonDocument::fromJson(stored.contentJson).object());
}

protocol::ChatMessage ChatService::toChatMessage(const StoredMessage &stored,
                                                 const QJsonObject &content)
{
    const auto members = protocol::p2pTopicMembers(stored.topicId);
    const qint64 recipientId = !members                          ? 0
                               : members->first == stored.fromId ? members->second
                                                                 : members->first;
    return {stored.topicId, stored.seqId, stored.fromId, stored.fromName,
            content,        recipientId,  stored.read,   stored.createdAtMs};
}

void ChatService::send(const OutgoingMessage &outgoing,
                       std::function<void(const SendOutcome &)> done)
{
    const qint64 dedupeWindowMs = m_settings.dedupeWindowMs;
    // The typing indicator ends right before the message it announced: before the message is
    // stored, since with several nodes the message may reach sockets before the commit callback.
    m_typing->stopTyping(outgoing.fromId, outgoing.topicId);
    const QString nodeId = m_settings.clusterNodeId;
    const bool recipientHere = m_presence.hasLocalSessions(outgoing.recipientId);
    m_storage.submit<StoredSend>(
        this,
        [=](Storage &storage) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            StoredSend stored{storage.insertMessage(outgoing.topicId, outgoing.fromId,
                                                    outgoing.fromName, outgoing.contentJson,
                                                    outgoing.clientMsgId, now,
                                                    now - dedupeWindowMs),
                              false};
            // Alone (no node id), nothing is published: the packet is built after the commit.
            if (!nodeId.isEmpty() && stored.insert.outcome == MessageInsert::Stored) {
                const protocol::ChatMessage message =
                    toChatMessage(stored.insert.message, outgoing.content);
                stored.published = publishDelivery(
                    storage, nodeId, message.recipientId,
                    protocol::messagePacketJson(message.toCompactJson(outgoing.contentJson)),
                    recipientHere);
            }
            return stored;
        },
        [this, done, content = outgoing.content](StorageResult<StoredSend> stored) {
            const StorageResult<MessageInsert> result{stored.ok, stored.value.insert};
            SendOutcome outcome;
            if (!result.ok) {
                done(outcome);
                return;
            }
            // A new message has the content as sent; a duplicate has the first one's.
            outcome.message = result.value.outcome == MessageInsert::Stored
                                  ? toChatMessage(result.value.message, content)
                                  : toChatMessage(result.value.message);
            outcome.json = outcome.message.toCompactJson(result.value.message.contentJson);
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
                deliver(outcome.message, outcome.json, stored.value.published);
                break;
            }
            done(outcome);
        });
}

void ChatService::deliver(const protocol::ChatMessage &message, const QByteArray &json,
                          bool published)
{
    if (published)
        return; // the cluster delivers it, here too
    if (m_presence.hasLocalSessions(message.recipientId))
        m_presence.sendToLocalSessions(message.recipientId, protocol::messagePacketJson(json));
    else
        emit recipientOffline(message);
}

void ChatService::markRead(qint64 readerId, const QString &topicId, qint64 senderId,
                           const QVector<qint64> &seqIds, qint64 upTo,
                           std::function<void(StorageResult<QVector<qint64>>)> done)
{
    const QString nodeId = m_settings.clusterNodeId;
    const bool senderHere = m_presence.hasLocalSessions(senderId);
    m_storage.submit<StoredReads>(
        this,
        [=](Storage &storage) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            StoredReads reads{seqIds.isEmpty() ? storage.markReadUpTo(topicId, senderId, upTo, now)
                                               : storage.markRead(topicId, senderId, seqIds, now),
                              {},
                              false};
            if (!reads.changed.isEmpty()) {
                reads.packet = protocol::toCompactJson(
                    protocol::readsPacket(readerId, topicId, reads.changed));
                reads.published =
                    publishDelivery(storage, nodeId, senderId, reads.packet, senderHere);
            }
            return reads;
        },
        [this, senderId, done](StorageResult<StoredReads> result) {
            if (result.ok && !result.value.changed.isEmpty() && !result.value.published)
                m_presence.sendToLocalSessions(senderId, result.value.packet);
            done({result.ok, result.value.changed});
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
