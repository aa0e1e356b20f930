#pragma once

#include <QJsonValue>
#include <QString>
#include <optional>
#include <utility>

namespace harajchat::protocol {

// The largest user id a JSON number carries exactly (2^53 - 1).
constexpr qint64 MaxUserId = (qint64(1) << 53) - 1;

bool isValidUserId(qint64 id);

// A positive integral JSON number within MaxUserId; anything else (strings, fractions, bools) is
// not.
std::optional<qint64> userIdFromJson(const QJsonValue &value);

// The id of the p2p topic between two distinct users: `p2p{low}_{high}`.
QString p2pTopicId(qint64 userA, qint64 userB);

// The two members of a p2p topic id, low first; nullopt when the id is not canonical.
std::optional<std::pair<qint64, qint64>> p2pTopicMembers(const QString &topicId);

} // namespace harajchat::protocol
