#include "push/PushTransport.h"

#include <QDateTime>
#include <QNetworkReply>

namespace harajchat {

qint64 retryAfterMs(const QNetworkReply &reply)
{
    const QByteArray value = reply.rawHeader("Retry-After").trimmed();
    if (value.isEmpty())
        return 0;
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return qMax<qint64>(0, seconds * 1000);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    return when.isValid() ? qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when)) : 0;
}

qint64 remainingTtlSecs(qint64 expiresAtMs)
{
    return qMax<qint64>(1, (expiresAtMs - QDateTime::currentMSecsSinceEpoch() + 999) / 1000);
}

} // namespace harajchat
