#pragma once

#include <QJsonObject>
#include <QString>

namespace harajchat {

// What a push says, before a transport shapes it into a request (spec/push.md).
struct PushNotice
{
    QJsonObject xdata; // the message object, as the socket would have carried it
    qint64 recipientId = 0;
    QString title; // the sender's name
    QString body;  // content.payload.text, or the configured default text
};

// FCM refuses payloads over 4096 bytes.
constexpr int FcmPayloadLimit = 4096;

PushNotice pushNoticeFor(const QJsonObject &message, qint64 recipientId,
                         const QString &defaultBody);

// {"xtype": "NEW_MESSAGE", "xdata": {...}, "xto": [recipient]}: Android's `data`.
QJsonObject dataPayload(const PushNotice &notice);
// The spec's "iOS Format (APNS)" object: {"aps": {...}, "xtype", "xdata", "xto"}.
QJsonObject apnsPayload(const PushNotice &notice);

// Shortens the text (body, and the text inside xdata) until both payloads fit `limitBytes`;
// fields are never dropped. A notice that fits is returned unchanged.
PushNotice fitPayloadLimit(const PushNotice &notice, int limitBytes = FcmPayloadLimit);

} // namespace harajchat
