#pragma once

#include <QDateTime>
#include <QString>

namespace harajchat::protocol {

// The one `ts` format of the contract: UTC ISO-8601 with milliseconds and `Z`.
QString formatTimestamp(const QDateTime &moment);
QString formatTimestampMs(qint64 msSinceEpoch);
QString currentTimestamp();

} // namespace harajchat::protocol
