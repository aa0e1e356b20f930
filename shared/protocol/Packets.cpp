#include "protocol/Packets.h"

#include "protocol/Timestamp.h"

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

} // namespace harajchat::protocol
