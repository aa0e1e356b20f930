#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace harajchat::protocol {

// Compact JSON written straight into bytes, for what goes out once per message (the `message`
// packet, the 201 answer): building a QJsonObject and serializing it cost more than the rest of
// the request. Writers using it list keys in sorted order, so their output is byte for byte what
// QJsonDocument's compact form of the same object is.

// Appends `text` as a JSON string, quoted and escaped as QJsonDocument escapes it.
void appendJsonString(QByteArray &out, QStringView text);

// The same for text already in UTF-8 (e.g. a JSON document carried as a string value).
void appendJsonStringFromUtf8(QByteArray &out, QByteArrayView utf8);

// Appends `"key":` (a key of plain ASCII, which needs no escaping).
void appendJsonKey(QByteArray &out, const char *key);

} // namespace harajchat::protocol
