#include "push/PushTransport.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <optional>

namespace harajchat {

namespace {
// The three date forms RFC 9110 5.6.7 requires a recipient to read: IMF-fixdate first (the one
// senders must use), then the obsolete RFC 850 and asctime forms. Always GMT.
std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    static const char *const Formats[] = {
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'", // Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",  // Sunday, 06-Nov-94 08:49:37 GMT
        "ddd MMM d HH:mm:ss yyyy",         // Sun Nov  6 08:49:37 1994
    };
    const QString text = QString::fromLatin1(value).simplified();
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    for (const char *format : Formats) {
        QDateTime when = english.toDateTime(text, QString::fromLatin1(format));
        if (!when.isValid())
            continue;
        when.setTimeZone(QTimeZone::utc());
        // Two-digit years (RFC 850) within 50 years in the future are taken as the past century.
        if (when.date().year() < 1970)
            when = when.addYears(100);
        return when;
    }
    return std::nullopt;
}
} // namespace

PushTransport::PushTransport(const QUrl &endpoint, const HttpClientPool::Settings &connections,
                             QObject *parent)
    : QObject(parent)
    , m_pool(endpoint, connections)
{}

qint64 retryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return 0;
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return qMax<qint64>(0, seconds) * 1000;
    const std::optional<QDateTime> when = parseHttpDate(trimmed);
    return when ? qMax<qint64>(0, when->toMSecsSinceEpoch() - nowMs) : 0;
}

qint64 remainingTtlSecs(qint64 expiresAtMs)
{
    return qMax<qint64>(1, (expiresAtMs - QDateTime::currentMSecsSinceEpoch() + 999) / 1000);
}

} // namespace harajchat
