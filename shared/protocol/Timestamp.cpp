#include "protocol/Timestamp.h"

namespace harajchat::protocol {

QString formatTimestamp(const QDateTime &moment)
{
    return moment.toUTC().toString(Qt::ISODateWithMs);
}

QString formatTimestampMs(qint64 msSinceEpoch)
{
    return formatTimestamp(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC));
}

QString currentTimestamp()
{
    return formatTimestamp(QDateTime::currentDateTimeUtc());
}

} // namespace harajchat::protocol
