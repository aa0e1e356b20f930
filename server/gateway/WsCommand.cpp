#include "gateway/WsCommand.h"

#include "protocol/Ids.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

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

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

bool isDigit(QByteArrayView text, qsizetype at)
{
    return at < text.size() && text[at] >= '0' && text[at] <= '9';
}

// A number as JSON writes it (RFC 8259 §6): -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
bool isJsonNumber(QByteArrayView text)
{
    qsizetype at = text.startsWith('-') ? 1 : 0;
    const auto digits = [&text, &at] {
        const qsizetype start = at;
        while (isDigit(text, at))
            ++at;
        return at > start;
    };
    if (!isDigit(text, at) || (text[at] == '0' && isDigit(text, at + 1)) || !digits())
        return false;
    if (at < text.size() && text[at] == '.' && (++at, !digits()))
        return false;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        if (at < text.size() && (text[at] == '+' || text[at] == '-'))
            ++at;
        if (!digits())
            return false;
    }
    return at == text.size();
}

// Parses the frame; a number out of double's range (`1e400`), for which Qt refuses the whole
// document, is read as null instead, so a frame with such a `peer_id` is still answered (400)
// with its id. Bounded: a frame of many such numbers is only a bad request.
QJsonDocument parseFrame(QByteArray frame)
{
    constexpr int MaxNumbersReplaced = 16;
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    for (int replaced = 0;
         error.error == QJsonParseError::IllegalNumber && replaced < MaxNumbersReplaced;
         ++replaced) {
        qsizetype start = std::clamp<qsizetype>(error.offset, 0, frame.size());
        qsizetype end = start;
        while (start > 0 && isNumberChar(frame[start - 1]))
            --start;
        while (end < frame.size() && isNumberChar(frame[end]))
            ++end;
        // Only a well-formed number is out of range; a malformed one leaves the frame refused.
        if (!isJsonNumber(QByteArrayView(frame).sliced(start, end - start)))
            break;
        frame.replace(start, end - start, "null");
        document = QJsonDocument::fromJson(frame, &error);
    }
    return error.error == QJsonParseError::NoError ? document : QJsonDocument();
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
    const QJsonDocument document = parseFrame(frame);
    if (!document.isObject())
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
