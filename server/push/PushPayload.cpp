#include "push/PushPayload.h"

#include "protocol/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace harajchat {

using protocol::appendJsonKey;
using protocol::appendJsonString;

namespace {
const QLatin1String ContentKey("content");
const QLatin1String PayloadKey("payload");
const QLatin1String TextKey("text");
const QString Ellipsis = QStringLiteral("\u2026");

QJsonValue textOf(const QJsonObject &message)
{
    return message.value(ContentKey).toObject().value(PayloadKey).toObject().value(TextKey);
}

// The rest of both payloads after their first field: xdata, xto, xtype.
void appendMessageFields(QByteArray &out, const PushNotice &notice)
{
    appendJsonKey(out, "xdata");
    out.append(notice.xdataJson);
    appendJsonKey(out.append(','), "xto");
    out.append('[').append(QByteArray::number(notice.recipientId)).append(']');
    appendJsonKey(out.append(','), "xtype");
    out.append("\"NEW_MESSAGE\"}");
}

// The notice with its text cut to `length` characters plus an ellipsis.
PushNotice withTextCut(const PushNotice &notice, QJsonObject xdata, const QString &fullText,
                       qsizetype length)
{
    if (length > 0 && fullText.at(length - 1).isHighSurrogate())
        --length; // never split a character
    const QString cut = fullText.left(length) + Ellipsis;
    QJsonObject content = xdata.value(ContentKey).toObject();
    QJsonObject payload = content.value(PayloadKey).toObject();
    payload.insert(TextKey, cut);
    content.insert(PayloadKey, payload);
    xdata.insert(ContentKey, content);
    PushNotice shortened = notice;
    shortened.body = cut;
    shortened.xdataJson = QJsonDocument(xdata).toJson(QJsonDocument::Compact);
    return shortened;
}

qsizetype largestPayload(const PushNotice &notice)
{
    return qMax(dataPayloadJson(notice).size(), apnsPayloadJson(notice).size());
}
} // namespace

PushNotice pushNoticeFor(const QByteArray &messageJson, qint64 recipientId,
                         const QString &defaultBody)
{
    const QJsonObject message = QJsonDocument::fromJson(messageJson).object();
    const QJsonValue text = textOf(message);
    return {messageJson, recipientId, message.value(QLatin1String("name")).toString(),
            text.isString() ? text.toString() : defaultBody};
}

QByteArray dataPayloadJson(const PushNotice &notice)
{
    QByteArray out;
    out.reserve(notice.xdataJson.size() + 64);
    out.append('{');
    appendMessageFields(out, notice);
    return out;
}

QByteArray apnsPayloadJson(const PushNotice &notice)
{
    QByteArray out;
    out.reserve(notice.xdataJson.size() + 3 * (notice.title.size() + notice.body.size()) + 128);
    appendJsonKey(out.append('{'), "aps");
    appendJsonKey(out.append('{'), "alert");
    appendJsonKey(out.append('{'), "body");
    appendJsonString(out, notice.body);
    appendJsonKey(out.append(','), "title");
    appendJsonString(out, notice.title);
    out.append("},\"mutable-content\":1,\"sound\":\"default\"},");
    appendMessageFields(out, notice);
    return out;
}

PushNotice fitPayloadLimit(const PushNotice &notice, int limitBytes)
{
    if (largestPayload(notice) <= limitBytes)
        return notice;
    const QJsonObject xdata = QJsonDocument::fromJson(notice.xdataJson).object();
    if (!textOf(xdata).isString())
        return notice;
    const QString fullText = textOf(xdata).toString();
    // Binary search for the longest prefix that fits.
    qsizetype fits = 0;
    qsizetype tooLong = fullText.size();
    while (tooLong - fits > 1) {
        const qsizetype middle = (fits + tooLong) / 2;
        if (largestPayload(withTextCut(notice, xdata, fullText, middle)) <= limitBytes)
            fits = middle;
        else
            tooLong = middle;
    }
    return withTextCut(notice, xdata, fullText, fits);
}

} // namespace harajchat
