#include "protocol/Ids.h"

#include <cmath>

namespace harajchat::protocol {

namespace {
// A user id as a topic id spells it: 1 to 16 ASCII digits, no leading zero. Parsed by hand: this
// runs for every message, and a regular expression with its captures cost a few percent there.
std::optional<qint64> topicMemberId(QStringView digits)
{
    if (digits.isEmpty() || digits.size() > 16 || digits.front() == u'0')
        return std::nullopt;
    qint64 id = 0;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        id = id * 10 + (c.unicode() - u'0');
    }
    return id;
}
} // namespace

bool isValidUserId(qint64 id)
{
    return id >= 1 && id <= MaxUserId;
}

std::optional<qint64> userIdFromJson(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || number < 1 ||
        number > double(MaxUserId))
        return std::nullopt;
    return qint64(number);
}

QString p2pTopicId(qint64 userA, qint64 userB)
{
    return QStringLiteral("p2p%1_%2").arg(qMin(userA, userB)).arg(qMax(userA, userB));
}

std::optional<std::pair<qint64, qint64>> p2pTopicMembers(const QString &topicId)
{
    // "p2p<low>_<high>"
    const QStringView id(topicId);
    const qsizetype underscore = id.indexOf(u'_');
    if (!id.startsWith(u"p2p") || underscore < 0)
        return std::nullopt;
    const std::optional<qint64> low = topicMemberId(id.sliced(3, underscore - 3));
    const std::optional<qint64> high = topicMemberId(id.sliced(underscore + 1));
    if (!low || !high || *low >= *high || !isValidUserId(*high))
        return std::nullopt;
    return std::make_pair(*low, *high);
}

} // namespace harajchat::protocol
