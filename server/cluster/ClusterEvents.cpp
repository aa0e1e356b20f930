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
    // The kind, then fields up to the next space; a packet is the rest of the line. Read in place:
    // every message delivered through the cluster passes here.
    qsizetype at = 2;
    const auto field = [&line, &at]() -> QByteArrayView {
        if (at > line.size())
            return {};
        qsizetype end = line.indexOf(' ', at);
        if (end < 0)
            end = line.size();
        const QByteArrayView value = QByteArrayView(line).sliced(at, end - at);
        at = end + 1;
        return value;
    };
    if (line.size() < 3 || line.at(1) != ' ')
        return std::nullopt;
    ClusterEvent event;
    const char kind = line.at(0);
    if (kind == 'R') {
        const QByteArrayView id = field();
        if (id.isEmpty() || at <= line.size())
            return std::nullopt;
        event.kind = ClusterEvent::Reference;
        event.eventId = QString::fromLatin1(id);
        return event;
    }
    bool numeric = false;
    event.userId = field().toLongLong(&numeric);
    if (!numeric || event.userId <= 0)
        return std::nullopt;
    if (kind == 'P') {
        const QByteArrayView online = field();
        if ((online != "1" && online != "0") || at <= line.size())
            return std::nullopt;
        event.kind = ClusterEvent::Presence;
        event.online = online == "1";
        return event;
    }
    if (kind != 'D')
        return std::nullopt;
    event.kind = ClusterEvent::Deliver;
    const QByteArrayView except = field();
    const QByteArrayView key = field();
    if (except.isEmpty() || key.isEmpty() || at >= line.size() || line.at(at) != '{')
        return std::nullopt;
    if (except != "-")
        event.exceptNode = QString::fromLatin1(except);
    if (key != "-")
        event.messageKey = key.toByteArray();
    event.packet = line.sliced(at);
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
