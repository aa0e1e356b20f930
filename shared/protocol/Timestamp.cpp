#include "protocol/Timestamp.h"

namespace harajchat::protocol {

namespace {
constexpr qint64 MsPerDay = 86400000;
constexpr qint64 YearTenThousandMs = 253402300800000; // 10000-01-01T00:00:00Z

void putDigits(char *at, int value, int width)
{
    for (int i = width - 1; i >= 0; --i, value /= 10)
        at[i] = char('0' + value % 10);
}

// Every answer and packet carries a `ts`: formatting it by hand (days to civil date, H. Hinnant's
// algorithm) avoids QDateTime's time-zone and printf machinery on each one.
QString formatFast(qint64 msSinceEpoch)
{
    const qint64 days = msSinceEpoch / MsPerDay;
    const qint64 msOfDay = msSinceEpoch % MsPerDay;
    const qint64 shifted = days + 719468; // days since 0000-03-01
    const qint64 era = shifted / 146097;
    const qint64 dayOfEra = shifted - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153; // March = 0
    const int day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    const int month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    const int year = int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

    char text[] = "0000-00-00T00:00:00.000Z";
    putDigits(text, year, 4);
    putDigits(text + 5, month, 2);
    putDigits(text + 8, day, 2);
    putDigits(text + 11, int(msOfDay / 3600000), 2);
    putDigits(text + 14, int(msOfDay / 60000 % 60), 2);
    putDigits(text + 17, int(msOfDay / 1000 % 60), 2);
    putDigits(text + 20, int(msOfDay % 1000), 3);
    return QString::fromLatin1(text, sizeof text - 1);
}
} // namespace

QString formatTimestamp(const QDateTime &moment)
{
    if (!moment.isValid())
        return {};
    return formatTimestampMs(moment.toMSecsSinceEpoch());
}

QString formatTimestampMs(qint64 msSinceEpoch)
{
    if (msSinceEpoch >= 0 && msSinceEpoch < YearTenThousandMs)
        return formatFast(msSinceEpoch);
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString currentTimestamp()
{
    return formatTimestampMs(QDateTime::currentMSecsSinceEpoch());
}

} // namespace harajchat::protocol
