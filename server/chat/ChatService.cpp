#include "chat/ChatService.h"

#include "app/Logging.h"
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
    protocol::ChatMessage message; // a new message, as the packet and the answer carry it
    QByteArray json;               // the same, compact
    bool published = false;        // to the cluster, which delivers it on every node
    QueuedPushes pushes;           // stored with it, when nobody held a socket for it
};

struct StoredReads
{
    QVector<qint64> changed;
    QByteArray packet; // the `reads` packet, when something changed
    bool published = false;
};
} // namespace

ChatService::ChatService(StorageQueue &storage, PresenceRegistry &presence,
                         const ChatSettings &settings, const PushOutbox *pushOutbox,
                         QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_presence(presence)
    , m_settings(settings)
    , m_typing(new TypingTracker(presence, settings.typingTimeoutMs, this))
    , m_pushOutbox(pushOutbox)
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
    const PushOutbox *pushOutbox = m_pushOutbox;
    m_storage.submit<StoredSend>(
        this,
        [=](Storage &storage) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            StoredSend stored;
            stored.insert = storage.insertMessage(outgoing.topicId, outgoing.fromId,
                                                  outgoing.fromName, outgoing.contentJson,
                                                  outgoing.clientMsgId, now, now - dedupeWindowMs);
            if (stored.insert.outcome != MessageInsert::Stored)
                return stored;
            stored.message = toChatMessage(stored.insert.message, outgoing.content);
            stored.json = stored.message.toCompactJson(outgoing.contentJson);
            // Alone (no node id), nothing is published: the packet goes out after the commit.
            if (!nodeId.isEmpty())
                stored.published =
                    publishDelivery(storage, nodeId, stored.message.recipientId,
                                    protocol::messagePacketJson(stored.json), recipientHere,
                                    messageKey(stored.message.topicId, stored.message.seqId));
            // Nobody holds a socket for it: the push is the delivery, stored in this very commit.
            if (pushOutbox && !stored.published && !recipientHere)
                stored.pushes = pushOutbox->queue(storage, stored.message, stored.json);
            return stored;
        },
        [this, done, recipientHere](StorageResult<StoredSend> stored) {
            SendOutcome outcome;
            if (!stored.ok) {
                done(outcome);
                return;
            }
            const MessageInsert &insert = stored.value.insert;
            switch (insert.outcome) {
            case MessageInsert::NoTopic:
                outcome.status = SendOutcome::NoTopic;
                break;
            case MessageInsert::Duplicate: // delivered the first time already
                outcome.status = SendOutcome::Duplicate;
                outcome.message = toChatMessage(insert.message);
                outcome.json = outcome.message.toCompactJson(insert.message.contentJson);
                break;
            case MessageInsert::Stored:
                outcome.status = SendOutcome::Created;
                outcome.message = stored.value.message;
                outcome.json = stored.value.json;
                ++m_messagesStored;
                if (!stored.value.pushes.records.isEmpty())
                    emit pushesQueued(stored.value.pushes);
                if (!stored.value.published) {
                    deliver(outcome.message, outcome.json, recipientHere,
                            [done, outcome] { done(outcome); });
                    return;
                }
                break; // the cluster delivers it, here too
            }
            done(outcome);
        },
        JobIntent{outgoing.topicId, outgoing.fromId, outgoing.clientMsgId, outgoing.recipientId});
}

void ChatService::deliver(const protocol::ChatMessage &message, const QByteArray &json,
                          bool recipientWasHere, const std::function<void()> &answer)
{
    if (m_presence.hasLocalSessions(message.recipientId)) {
        m_presence.sendToLocalSessions(message.recipientId, protocol::messagePacketJson(json));
    } else if (recipientWasHere && m_pushOutbox) {
        // The recipient's last socket closed while the message was being stored: its pushes are
        // stored now, and the answer waits for them, as it would have waited for the message.
        const PushOutbox *pushOutbox = m_pushOutbox;
        m_storage.submit<QueuedPushes>(
            this,
            [pushOutbox, message, json](Storage &storage) {
                return pushOutbox->queue(storage, message, json);
            },
            [this, answer, seqId = message.seqId](StorageResult<QueuedPushes> queued) {
                if (!queued.ok)
                    qCWarning(lcPush) << "could not store the pushes of message" << seqId;
                else if (!queued.value.records.isEmpty())
                    emit pushesQueued(queued.value);
                answer();
            });
        return;
    }
    answer();
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
        },
        JobIntent{topicId, 0, {}, 0});
}

void ChatService::redeliverMissed(
    qint64 sinceMs, const std::function<bool(const QByteArray &messageKey)> &alreadyDelivered)
{
    const QList<qint64> here = m_presence.onlineUsers();
    m_storage.submit<QVector<StoredMessage>>(
        this,
        [recipients = QVector<qint64>(here.begin(), here.end()), sinceMs](Storage &storage) {
            return storage.messagesTo(recipients, sinceMs); // seq_ids are times of acceptance
        },
        [this, alreadyDelivered](StorageResult<QVector<StoredMessage>> missed) {
            if (!missed.ok) {
                qCWarning(lcCluster)
                    << "could not read what a cut of the cluster's notifications missed";
                return;
            }
            int delivered = 0;
            for (const StoredMessage &stored : std::as_const(missed.value)) {
                if (alreadyDelivered(messageKey(stored.topicId, stored.seqId)))
                    continue;
                const protocol::ChatMessage message = toChatMessage(stored);
                if (!m_presence.hasLocalSessions(message.recipientId))
                    continue;
                m_presence.sendToLocalSessions(
                    message.recipientId,
                    protocol::messagePacketJson(message.toCompactJson(stored.contentJson)));
                ++delivered;
            }
            qCInfo(lcCluster) << "delivered" << delivered << "messages missed while the cluster's"
                              << "notifications were cut";
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
