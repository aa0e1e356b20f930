#include "protocol/Packets.h"

#include "protocol/Timestamp.h"

#include <QJsonArray>

namespace harajchat::protocol {

namespace {
QString presenceWhat(PresenceKind kind)
{
    switch (kind) {
    case PresenceKind::Online:
        return QStringLiteral("online");
    case PresenceKind::Offline:
        return QStringLiteral("offline");
    case PresenceKind::Typing:
        return QStringLiteral("typing");
    case PresenceKind::StopTyping:
        return QStringLiteral("stop_typing");
    }
    return {};
}
} // namespace

QJsonObject presencePacket(PresenceKind kind, qint64 fromId, const QString &topicId)
{
    QJsonObject pres{{QStringLiteral("what"), presenceWhat(kind)},
                     {QStringLiteral("from_id"), fromId},
                     {QStringLiteral("ts"), currentTimestamp()}};
    if (kind == PresenceKind::Typing || kind == PresenceKind::StopTyping)
        pres.insert(QStringLiteral("topic_id"), topicId);
    return QJsonObject{{QStringLiteral("pres"), pres}};
}

QJsonObject ChatMessage::toJson() const
{
    return {{QStringLiteral("topic_id"), topicId},
            {QStringLiteral("seq_id"), seqId},
            {QStringLiteral("from_id"), fromId},
            {QStringLiteral("name"), name},
            {QStringLiteral("content"), content},
            {QStringLiteral("status"), QJsonObject{{QString::number(recipientId), read}}},
            {QStringLiteral("ts"), formatTimestampMs(createdAtMs)}};
}

QJsonObject messagePacket(const ChatMessage &message)
{
    return messagePacket(message.toJson());
}

QJsonObject messagePacket(const QJsonObject &messageJson)
{
    return {{QStringLiteral("message"), messageJson}};
}

QJsonObject readsPacket(qint64 fromId, const QString &topicId, const QVector<qint64> &seqIds)
{
    QJsonArray ids;
    for (const qint64 seqId : seqIds)
        ids.append(seqId);
    return {{QStringLiteral("reads"), QJsonObject{{QStringLiteral("from_id"), fromId},
                                                  {QStringLiteral("topic_id"), topicId},
                                                  {QStringLiteral("seq_ids"), ids},
                                                  {QStringLiteral("ts"), currentTimestamp()}}}};
}

} // namespace harajchat::protocol
