#include "cluster/ClusterEvents.h"

#include "protocol/Envelope.h"
#include "storage/Storage.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace harajchat {

QByteArray presenceEvent(qint64 userId, bool online)
{
    return protocol::toCompactJson({{QStringLiteral("t"), QStringLiteral("presence")},
                                    {QStringLiteral("u"), userId},
                                    {QStringLiteral("on"), online}});
}

QByteArray deliverEvent(qint64 userId, const QByteArray &packet, const QString &exceptNode)
{
    QJsonObject event{{QStringLiteral("t"), QStringLiteral("deliver")},
                      {QStringLiteral("u"), userId},
                      {QStringLiteral("p"), QJsonDocument::fromJson(packet).object()}};
    if (!exceptNode.isEmpty())
        event.insert(QStringLiteral("x"), exceptNode);
    return protocol::toCompactJson(event);
}

std::optional<ClusterEvent> parseClusterEvent(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    ClusterEvent event;
    event.userId = object.value(QStringLiteral("u")).toInteger();
    const QString type = object.value(QStringLiteral("t")).toString();
    if (object.value(QStringLiteral("ref")).isString()) {
        event.kind = ClusterEvent::Reference;
        event.eventId = object.value(QStringLiteral("ref")).toString();
    } else if (type == QLatin1String("presence") && event.userId > 0) {
        event.kind = ClusterEvent::Presence;
        event.online = object.value(QStringLiteral("on")).toBool();
    } else if (type == QLatin1String("deliver") && event.userId > 0 &&
               object.value(QStringLiteral("p")).isObject()) {
        event.kind = ClusterEvent::Deliver;
        event.exceptNode = object.value(QStringLiteral("x")).toString();
        event.packet = protocol::toCompactJson(object.value(QStringLiteral("p")).toObject());
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
