#pragma once

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace harajchat::protocol {

enum class PresenceKind
{
    Online,
    Offline,
    Typing,
    StopTyping
};

// {"pres": {"what", "from_id", "topic_id"?, "ts"}}; topic_id only for typing kinds.
QJsonObject presencePacket(PresenceKind kind, qint64 fromId, const QString &topicId = {});

// One message of a p2p topic, as the HTTP API answers it and the `message` packet carries it.
struct ChatMessage
{
    QString topicId;
    qint64 seqId = 0;
    qint64 fromId = 0;
    QString name; // the sender's display name
    QJsonObject content;
    qint64 recipientId = 0;
    bool read = false; // by the recipient
    qint64 createdAtMs = 0;

    // {"topic_id", "seq_id", "from_id", "name", "content", "status": {"<recipient>": read}, "ts"}
    QJsonObject toJson() const;
    // The same in compact JSON, written directly (JsonText.h); `contentJson` is `content` in
    // compact form, as stored.
    QByteArray toCompactJson(const QByteArray &contentJson) const;
};

// {"message": {...}}
QJsonObject messagePacket(const ChatMessage &message);
// The same in compact JSON around a message already written (ChatMessage::toCompactJson).
QByteArray messagePacketJson(const QByteArray &messageJson);

// {"reads": {"from_id", "topic_id", "seq_ids", "ts"}}: `fromId` read `seqIds` of the other member.
QJsonObject readsPacket(qint64 fromId, const QString &topicId, const QVector<qint64> &seqIds);

} // namespace harajchat::protocol
