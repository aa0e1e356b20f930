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

std::optional<PacketProblem> serverPacketProblem(const QJsonObject &packet)
{
    if (packet.size() != 1)
        return PacketProblem{
            QT_TRANSLATE_NOOP("harajchat::admin",
                              "a packet has exactly one key: message, reads or pres"),
            {}};
    const QString key = packet.begin().key();
    if (!packet.begin().value().isObject())
        return PacketProblem{
            QT_TRANSLATE_NOOP("harajchat::admin", "the value of \"%1\" must be an object"), key};
    if (key == QLatin1String("message") || key == QLatin1String("reads"))
        return std::nullopt;
    if (key != QLatin1String("pres"))
        return PacketProblem{QT_TRANSLATE_NOOP("harajchat::admin", "unknown packet \"%1\""), key};
    static const QStringList kinds{QStringLiteral("online"), QStringLiteral("offline"),
                                   QStringLiteral("typing"), QStringLiteral("stop_typing")};
    const QJsonObject body = packet.begin().value().toObject();
    if (!kinds.contains(body.value(QLatin1String("what")).toString()))
        return PacketProblem{
            QT_TRANSLATE_NOOP("harajchat::admin",
                              "pres.what must be online, offline, typing or stop_typing"),
            {}};
    return std::nullopt;
}

QString PacketProblem::describe(const QString &translatedText) const
{
    return key.isEmpty() ? translatedText : translatedText.arg(key);
}

bool isServerPacket(const QJsonObject &packet, QString *why)
{
    const std::optional<PacketProblem> problem = serverPacketProblem(packet);
    if (problem && why)
        *why = problem->describe(QString::fromLatin1(problem->text));
    return !problem;
}

QJsonObject frame(const QString &type, const QJsonObject &fields)
{
    QJsonObject result = fields;
    result.insert(QStringLiteral("type"), type);
    return result;
}

} // namespace harajchat::admin
