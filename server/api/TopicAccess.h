#pragma once

#include "protocol/ApiError.h"

#include <QString>
#include <variant>

namespace harajchat {

// A p2p topic seen from one of its members.
struct TopicAccess
{
    QString topicId;
    qint64 peerId = 0;
};

// 404 for an id that is not a p2p topic id, 403 when the user is not one of its two members.
// Whether the topic exists is for storage to say.
std::variant<TopicAccess, protocol::ApiError> topicAccess(const QString &topicId, qint64 userId);

} // namespace harajchat
