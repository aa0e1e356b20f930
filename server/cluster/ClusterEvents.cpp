#include "cluster/ClusterEvents.h"

#include "protocol/Envelope.h"
#include "storage/Storage.h"

#include <QList>

namespace harajchat {

QByteArray presenceEvent(qint64 userId, bool online)
{
    return "P " + QByteArray::number(userId) + (online ? " 1" : " 0");
}

QByteArray deliverEvent(qint64 userId, const QByteArray &packet, const QString &exceptNode)
{
    return "D " + QByteArray::number(userId) + ' ' +
           (exceptNode.isEmpty() ? QByteArray("-") : exceptNode.toLatin1()) + ' ' + packet;
}

QByteArray referenceEvent(const QString &eventId)
{
    return "R " + eventId.toLatin1();
}

std::optional<ClusterEvent> parseClusterEvent(const QByteArray &line)
{
    // The kind and up to two fields; a packet is the rest of the line.
    const QList<QByteArray> fields = line.split(' ');
    ClusterEvent event;
    bool numeric = false;
    event.userId = fields.value(1).toLongLong(&numeric);
    if (fields.value(0) == "R" && fields.size() == 2 && !fields.at(1).isEmpty()) {
        event.kind = ClusterEvent::Reference;
        event.eventId = QString::fromLatin1(fields.at(1));
    } else if (fields.value(0) == "P" && fields.size() == 3 && numeric && event.userId > 0 &&
               (fields.at(2) == "1" || fields.at(2) == "0")) {
        event.kind = ClusterEvent::Presence;
        event.online = fields.at(2) == "1";
    } else if (fields.value(0) == "D" && fields.size() >= 4 && numeric && event.userId > 0) {
        event.kind = ClusterEvent::Deliver;
        if (fields.at(2) != "-")
            event.exceptNode = QString::fromLatin1(fields.at(2));
        // The packet may hold spaces: it is everything after the third one.
        const qsizetype start = fields.at(0).size() + fields.at(1).size() + fields.at(2).size() + 3;
        event.packet = line.mid(start);
        if (!event.packet.startsWith('{'))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    return event;
}

bool publishDelivery(Storage &storage, const QString &nodeId, qint64 userId,
                     const QByteArray &packet, bool onThisNode)
{
    if (nodeId.isEmpty() || (!onThisNode && !storage.hasSessionsElsewhere(nodeId, userId)))
        return false;
    storage.publish(deliverEvent(userId, packet));
    return true;
}

bool publishToOtherNodes(Storage &storage, const QString &nodeId, qint64 userId,
                         const QByteArray &packet)
{
    if (nodeId.isEmpty() || !storage.hasSessionsElsewhere(nodeId, userId))
        return false;
    storage.publish(deliverEvent(userId, packet, nodeId));
    return true;
}

} // namespace harajchat
