#pragma once

#include <QJsonObject>
#include <QString>

namespace harajchat::protocol {

enum class PresenceKind
{
    Online,
    Offline,
    Typing,
    StopTyping
};

// {"pres": {"what", "from_id", "topic_id"?, "ts"}}; topic_id only for typing kinds.
QJsonObject presencePacket(PresenceKind kind, qint64 fromId, const QString &topicId = {});

} // namespace harajchat::protocol
