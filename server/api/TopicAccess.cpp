#include "api/TopicAccess.h"

#include "protocol/Ids.h"

namespace harajchat {

std::variant<TopicAccess, protocol::ApiError> topicAccess(const QString &topicId, qint64 userId)
{
    const auto members = protocol::p2pTopicMembers(topicId);
    if (!members)
        return protocol::ApiError::NotFound;
    if (members->first != userId && members->second != userId)
        return protocol::ApiError::ForbiddenAccess;
    return TopicAccess{topicId, members->first == userId ? members->second : members->first};
}

} // namespace harajchat
