#include "cluster/ClusterEvents.h"

#include "protocol/Envelope.h"
#include "storage/Storage.h"

#include <QList>

namespace harajchat {

QByteArray presenceEvent(qint64 userId, bool online)
{
    return "P " + QByteArray::number(userId) + (online ? " 1" : " 0");
}

QByteArray deliverEvent(qint64 userId, const QByteArray &packet, const QString &exceptNode,
                        const QByteArray &messageKey)
{
    return "D " + QByteArray::number(userId) + ' ' +
           (exceptNode.isEmpty() ? QByteArray("-") : exceptNode.toLatin1()) + ' ' +
           (messageKey.isEmpty() ? QByteArray("-") : messageKey) + ' ' + packet;
}

QByteArray messageKey(const QString &topicId, qint64 seqId)
{
    return topicId.toLatin1() + ':' + QByteArray::number(seqId);
}

QByteArray referenceEvent(const QString &eventId)
{
    return "R " + eventId.toLatin1();
}

std::optional<ClusterEvent> parseClusterEvent(const QByteArray &line)
{
    // The kind and up to three fields; a packet is the rest of the line.
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
    } else if (fields.value(0) == "D" && fields.size() >= 5 && numeric && event.userId > 0) {
        event.kind = ClusterEvent::Deliver;
        if (fields.at(2) != "-")
            event.exceptNode = QString::fromLatin1(fields.at(2));
        if (fields.at(3) != "-")
            event.messageKey = fields.at(3);
        // The packet may hold spaces: it is everything after the fourth one.
        const qsizetype start = fields.at(0).size() + fields.at(1).size() + fields.at(2).size() +
                                fields.at(3).size() + 4;
        event.packet = line.mid(start);
        if (!event.packet.startsWith('{'))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    return event;
}

bool publishDelivery(Storage &storage, const QString &nodeId, qint64 userId,
                     const QByteArray &packet, bool onThisNode, const QByteArray &messageKey)
{
    if (nodeId.isEmpty() || (!onThisNode && !storage.hasSessionsElsewhere(nodeId, userId)))
        return false;
    storage.publish(deliverEvent(userId, packet, {}, messageKey));
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
