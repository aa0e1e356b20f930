#include "push/PushPayload.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace harajchat {

namespace {
const QLatin1String ContentKey("content");
const QLatin1String PayloadKey("payload");
const QLatin1String TextKey("text");
const QString Ellipsis = QStringLiteral("\u2026");

QString messageText(const QJsonObject &xdata)
{
    const QJsonValue text =
        xdata.value(ContentKey).toObject().value(PayloadKey).toObject().value(TextKey);
    return text.isString() ? text.toString() : QString();
}

bool hasText(const QJsonObject &xdata)
{
    return xdata.value(ContentKey)
        .toObject()
        .value(PayloadKey)
        .toObject()
        .value(TextKey)
        .isString();
}

// The notice with its text cut to `length` characters plus an ellipsis.
PushNotice withTextCut(const PushNotice &notice, const QString &fullText, qsizetype length)
{
    if (length > 0 && fullText.at(length - 1).isHighSurrogate())
        --length; // never split a character
    const QString cut = fullText.left(length) + Ellipsis;
    PushNotice shortened = notice;
    shortened.body = cut;
    QJsonObject content = shortened.xdata.value(ContentKey).toObject();
    QJsonObject payload = content.value(PayloadKey).toObject();
    payload.insert(TextKey, cut);
    content.insert(PayloadKey, payload);
    shortened.xdata.insert(ContentKey, content);
    return shortened;
}

qsizetype largestPayload(const PushNotice &notice)
{
    return qMax(QJsonDocument(dataPayload(notice)).toJson(QJsonDocument::Compact).size(),
                QJsonDocument(apnsPayload(notice)).toJson(QJsonDocument::Compact).size());
}
} // namespace

PushNotice pushNoticeFor(const QJsonObject &message, qint64 recipientId, const QString &defaultBody)
{
    const QString text = messageText(message);
    return {message, recipientId, message.value(QLatin1String("name")).toString(),
            hasText(message) ? text : defaultBody};
}

QJsonObject dataPayload(const PushNotice &notice)
{
    return {{QStringLiteral("xtype"), QStringLiteral("NEW_MESSAGE")},
            {QStringLiteral("xdata"), notice.xdata},
            {QStringLiteral("xto"), QJsonArray{notice.recipientId}}};
}

QJsonObject apnsPayload(const PushNotice &notice)
{
    QJsonObject payload = dataPayload(notice);
    payload.insert(
        QStringLiteral("aps"),
        QJsonObject{{QStringLiteral("alert"), QJsonObject{{QStringLiteral("title"), notice.title},
                                                          {QStringLiteral("body"), notice.body}}},
                    {QStringLiteral("sound"), QStringLiteral("default")},
                    {QStringLiteral("mutable-content"), 1}});
    return payload;
}

PushNotice fitPayloadLimit(const PushNotice &notice, int limitBytes)
{
    if (largestPayload(notice) <= limitBytes || !hasText(notice.xdata))
        return notice;
    const QString fullText = messageText(notice.xdata);
    // Binary search for the longest prefix that fits.
    qsizetype fits = 0;
    qsizetype tooLong = fullText.size();
    while (tooLong - fits > 1) {
        const qsizetype middle = (fits + tooLong) / 2;
        if (largestPayload(withTextCut(notice, fullText, middle)) <= limitBytes)
            fits = middle;
        else
            tooLong = middle;
    }
    return withTextCut(notice, fullText, fits);
}

} // namespace harajchat
