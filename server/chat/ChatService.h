#pragma once

#include "protocol/Packets.h"
#include "push/PushOutbox.h"
#include "storage/StorageQueue.h"

#include <QObject>
#include <functional>

namespace harajchat {

class PresenceRegistry;
class TypingTracker;

struct ChatSettings
{
    qint64 typingTimeoutMs = 10000;
    qint64 dedupeWindowMs = 24 * 3600 * 1000;
    QString clusterNodeId; // empty when this daemon runs alone
};

struct SendOutcome
{
    enum Status
    {
        Created,
        Duplicate,
        NoTopic,
        Failed
    } status = Failed;
    protocol::ChatMessage message;
    QByteArray json; // message in compact JSON, written once for the answer and the packet
};

// A message as the API accepted it.
struct OutgoingMessage
{
    qint64 fromId = 0;
    QString fromName; // the sender's stored name, as authentication found it
    QString topicId;
    qint64 recipientId = 0; // the topic's other member
    QJsonObject content;
    QByteArray contentJson; // the same, compact, as it is stored
    QString clientMsgId;    // empty when the client sent none
};

// The chat itself: stores messages and read marks, then delivers what was stored to the other
// member's sockets (never before the commit), or hands it to push when they have none.
class ChatService : public QObject
{
    Q_OBJECT
public:
    // `pushOutbox`: where pushes to offline recipients are stored; null when push is off.
    ChatService(StorageQueue &storage, PresenceRegistry &presence, const ChatSettings &settings,
                const PushOutbox *pushOutbox, QObject *parent = nullptr);

    void send(const OutgoingMessage &outgoing, std::function<void(const SendOutcome &)> done);
    // Either explicit seq_ids, or all up to `upTo` when seqIds is empty.
    void markRead(qint64 readerId, const QString &topicId, qint64 senderId,
                  const QVector<qint64> &seqIds, qint64 upTo,
                  std::function<void(StorageResult<QVector<qint64>>)> done);
    void setTyping(qint64 userId, const QString &topicId, qint64 peerId, bool typing);
    // With several nodes, after this node's notifications were cut: the messages to its sockets'
    // users from about `sinceMs` on reach them, but those `alreadyDelivered` (by their
    // cluster messageKey) say reached them already.
    void redeliverMissed(qint64 sinceMs,
                         const std::function<bool(const QByteArray &messageKey)> &alreadyDelivered);

    // The recipient is the topic's member other than the sender.
    static protocol::ChatMessage toChatMessage(const StoredMessage &stored);
    // The same, with the content already parsed.
    static protocol::ChatMessage toChatMessage(const StoredMessage &stored,
                                               const QJsonObject &content);
    // Messages stored since start (retries that stored nothing do not count).
    qint64 messagesStored() const { return m_messagesStored; }

signals:
    // Pushes of a message whose recipient had no authenticated socket, stored with it: to be sent.
    void pushesQueued(const QueuedPushes &pushes);

private:
    // Sends the packet to the recipient's sockets here, or stores its pushes when the last of
    // them closed while it was being stored; `answer` once what the 201 promises is durable.
    void deliver(const protocol::ChatMessage &message, const QByteArray &json,
                 bool recipientWasHere, const std::function<void()> &answer);

    StorageQueue &m_storage;
    PresenceRegistry &m_presence;
    ChatSettings m_settings;
    TypingTracker *m_typing;
    const PushOutbox *m_pushOutbox;
    qint64 m_messagesStored = 0;
};

} // namespace harajchat
