#pragma once

#include <QByteArray>
#include <QString>

namespace harajchat {

// What a push says, before a transport shapes it into a request (docs/protocol.md
// "Push (push.md)").
struct PushNotice
{
    QByteArray xdataJson; // the message object, compact, as the socket would have carried it
    qint64 recipientId = 0;
    QString title; // the sender's name
    QString body;  // content.payload.text, or the configured default text
};

// FCM refuses payloads over 4096 bytes.
constexpr int FcmPayloadLimit = 4096;

PushNotice pushNoticeFor(const QByteArray &messageJson, qint64 recipientId,
                         const QString &defaultBody);

// Written straight as compact JSON with sorted keys (what QJsonDocument would write): a push is
// built for every offline message, so it must cost little.
// {"xdata": {...}, "xto": [recipient], "xtype": "NEW_MESSAGE"}: Android's `data`.
QByteArray dataPayloadJson(const PushNotice &notice);
// The spec's "iOS Format (APNS)" object: {"aps": {...}, "xdata", "xto", "xtype"}.
QByteArray apnsPayloadJson(const PushNotice &notice);

// Shortens the text (body, and the text inside xdata) until both payloads fit `limitBytes`;
// fields are never dropped. A notice that fits is returned unchanged.
PushNotice fitPayloadLimit(const PushNotice &notice, int limitBytes = FcmPayloadLimit);

} // namespace harajchat
