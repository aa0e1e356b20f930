#include "protocol/AdminProtocol.h"

#include <QJsonArray>

namespace harajchat::admin {

namespace {
const QLatin1String SessionIdKey("session_id");
const QLatin1String UserIdKey("user_id");
const QLatin1String NameKey("name");
const QLatin1String RemoteKey("remote");
const QLatin1String ConnectedAtKey("connected_at_ms");
const QLatin1String ListeningKey("listening");
} // namespace

QJsonObject SessionInfo::toJson() const
{
    QJsonArray peers;
    for (const qint64 peer : listening)
        peers.append(peer);
    return {{SessionIdKey, qint64(sessionId)},
            {UserIdKey, userId},
            {NameKey, name},
            {RemoteKey, remote},
            {ConnectedAtKey, connectedAtMs},
            {ListeningKey, peers}};
}

SessionInfo SessionInfo::fromJson(const QJsonObject &json)
{
    SessionInfo info;
    info.sessionId = quint64(json.value(SessionIdKey).toInteger());
    info.userId = json.value(UserIdKey).toInteger();
    info.name = json.value(NameKey).toString();
    info.remote = json.value(RemoteKey).toString();
    info.connectedAtMs = json.value(ConnectedAtKey).toInteger();
    for (const QJsonValue &peer : json.value(ListeningKey).toArray())
        info.listening.append(peer.toInteger());
    return info;
}

QJsonObject Counters::toJson() const
{
    return {{QStringLiteral("sockets"), sockets},
            {QStringLiteral("authenticated_sockets"), authenticatedSockets},
            {QStringLiteral("users_online"), usersOnline},
            {QStringLiteral("messages_per_second"), messagesPerSecond},
            {QStringLiteral("push"), push}};
}

Counters Counters::fromJson(const QJsonObject &json)
{
    return {json.value(QLatin1String("sockets")).toInt(),
            json.value(QLatin1String("authenticated_sockets")).toInt(),
            json.value(QLatin1String("users_online")).toInt(),
            json.value(QLatin1String("messages_per_second")).toDouble(),
            json.value(QLatin1String("push")).toObject()};
}

bool isServerPacket(const QJsonObject &packet, QString *why)
{
    auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (packet.size() != 1)
        return refuse(QStringLiteral("a packet has exactly one key: message, reads or pres"));
    const QString key = packet.begin().key();
    const QJsonValue body = packet.begin().value();
    if (!body.isObject())
        return refuse(QStringLiteral("the value of \"%1\" must be an object").arg(key));
    if (key == QLatin1String("message") || key == QLatin1String("reads"))
        return true;
    if (key != QLatin1String("pres"))
        return refuse(QStringLiteral("unknown packet \"%1\"").arg(key));
    static const QStringList kinds{QStringLiteral("online"), QStringLiteral("offline"),
                                   QStringLiteral("typing"), QStringLiteral("stop_typing")};
    if (!kinds.contains(body.toObject().value(QLatin1String("what")).toString()))
        return refuse(QStringLiteral("pres.what must be online, offline, typing or stop_typing"));
    return true;
}

QJsonObject frame(const QString &type, const QJsonObject &fields)
{
    QJsonObject result = fields;
    result.insert(QStringLiteral("type"), type);
    return result;
}

} // namespace harajchat::admin
