#include "protocol/Ids.h"

#include <QRegularExpression>
#include <cmath>

namespace harajchat::protocol {

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
    static const QRegularExpression pattern(
        QStringLiteral("^p2p([1-9][0-9]{0,15})_([1-9][0-9]{0,15})$"));
    const QRegularExpressionMatch match = pattern.match(topicId);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 low = match.captured(1).toLongLong();
    const qint64 high = match.captured(2).toLongLong();
    if (low >= high || !isValidUserId(high))
        return std::nullopt;
    return std::make_pair(low, high);
}

} // namespace harajchat::protocol
