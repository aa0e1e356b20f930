#include "client/PacketTemplates.h"

#include "protocol/Packets.h"
#include "protocol/Timestamp.h"

#include <QDateTime>
#include <QJsonArray>

namespace harajchat::console {

namespace {
const QString ExampleTopic = QStringLiteral("p2p1_2");
constexpr qint64 ExampleSender = 2;

protocol::PresenceKind presenceKindOf(PacketKind kind)
{
    switch (kind) {
    case PacketKind::Offline:
        return protocol::PresenceKind::Offline;
    case PacketKind::Typing:
        return protocol::PresenceKind::Typing;
    case PacketKind::StopTyping:
        return protocol::PresenceKind::StopTyping;
    default:
        return protocol::PresenceKind::Online;
    }
}
} // namespace

QList<PacketKind> allPacketKinds()
{
    return {PacketKind::Message, PacketKind::Reads,  PacketKind::Online,
            PacketKind::Offline, PacketKind::Typing, PacketKind::StopTyping};
}

QJsonObject packetTemplate(PacketKind kind)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (kind) {
    case PacketKind::Message: {
        protocol::ChatMessage message;
        message.topicId = ExampleTopic;
        message.seqId = now;
        message.fromId = ExampleSender;
        message.name = QStringLiteral("abdullah_zagat");
        message.content = {{QStringLiteral("type"), QStringLiteral("text/plain")},
                           {QStringLiteral("payload"),
                            QJsonObject{{QStringLiteral("text"), QStringLiteral("hello!")}}}};
        message.recipientId = 1;
        message.createdAtMs = now;
        return protocol::messagePacket(message);
    }
    case PacketKind::Reads:
        return protocol::readsPacket(ExampleSender, ExampleTopic, {now - 1000, now});
    default:
        return protocol::presencePacket(presenceKindOf(kind), ExampleSender, ExampleTopic);
    }
}

} // namespace harajchat::console
