#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace harajchat::console {

// The server packets of the contract, as starting points for the packet composer.
enum class PacketKind
{
    Message,
    Reads,
    Online,
    Offline,
    Typing,
    StopTyping
};

QList<PacketKind> allPacketKinds();
// A packet of that kind as the spec's examples show it, with a current `ts`.
QJsonObject packetTemplate(PacketKind kind);

} // namespace harajchat::console
