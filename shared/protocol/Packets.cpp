#include "protocol/Packets.h"

#include "protocol/JsonText.h"
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

QByteArray ChatMessage::toCompactJson(const QByteArray &contentJson) const
{
    QByteArray out;
    out.reserve(contentJson.size() + 160 + 3 * (topicId.size() + name.size()));
    appendJsonKey(out.append('{'), "content");
    out.append(contentJson);
    appendJsonKey(out.append(','), "from_id");
    out.append(QByteArray::number(fromId));
    appendJsonKey(out.append(','), "name");
    appendJsonString(out, name);
    appendJsonKey(out.append(','), "seq_id");
    out.append(QByteArray::number(seqId));
    appendJsonKey(out.append(','), "status");
    appendJsonKey(out.append('{'), QByteArray::number(recipientId).constData());
    out.append(read ? "true}" : "false}");
    appendJsonKey(out.append(','), "topic_id");
    appendJsonString(out, topicId);
    appendJsonKey(out.append(','), "ts");
    appendJsonString(out, formatTimestampMs(createdAtMs));
    return out.append('}');
}

QJsonObject messagePacket(const ChatMessage &message)
{
    return {{QStringLiteral("message"), message.toJson()}};
}

QByteArray messagePacketJson(const QByteArray &messageJson)
{
    return "{\"message\":" + messageJson + '}';
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
