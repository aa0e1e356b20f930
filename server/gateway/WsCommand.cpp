#include "gateway/WsCommand.h"

#include "protocol/Ids.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace harajchat {

namespace {
// The id to echo: the string `id` inside the first object-valued key (keys in sorted order),
// so even a frame rejected for its shape is answered with the id the client put in it.
std::optional<QString> echoId(const QJsonObject &frame)
{
    for (auto it = frame.begin(); it != frame.end(); ++it) {
        const QJsonValue id = it.value().toObject().value(QLatin1String("id"));
        if (id.isString())
            return id.toString();
    }
    return std::nullopt;
}

bool hasValidId(const QJsonObject &body)
{
    const QJsonValue id = body.value(QLatin1String("id"));
    return id.isUndefined() || id.isString();
}
} // namespace

WsCommand parseWsCommand(const QByteArray &frame)
{
    WsCommand command;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return command;
    const QJsonObject object = document.object();
    command.id = echoId(object);
    if (object.size() != 1 || !object.begin().value().isObject())
        return command;
    const QString key = object.begin().key();
    const QJsonObject body = object.begin().value().toObject();
    if (!hasValidId(body))
        return command;

    if (key == QLatin1String("auth")) {
        const QJsonValue token = body.value(QLatin1String("access_token"));
        if (token.isString() && !token.toString().isEmpty()) {
            command.kind = WsCommand::Auth;
            command.accessToken = token.toString().toUtf8();
        }
    } else if (key == QLatin1String("listen") || key == QLatin1String("unlisten")) {
        const std::optional<qint64> peerId =
            protocol::userIdFromJson(body.value(QLatin1String("peer_id")));
        if (peerId) {
            command.kind = key == QLatin1String("listen") ? WsCommand::Listen : WsCommand::Unlisten;
            command.peerId = *peerId;
        }
    }
    return command;
}

} // namespace harajchat
