#pragma once

#include "protocol/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>

namespace harajchat::protocol {

// Answers to socket commands and HTTP calls share one envelope:
// {"id"?, "status", "data"} on success, {"id"?, "status", "err"} on error, always with "ts".
QJsonObject successEnvelope(int status, const QJsonObject &data,
                            const std::optional<QString> &id = std::nullopt);
// The success envelope without an id, in compact JSON around `data` already in compact JSON.
QByteArray successEnvelopeJson(int status, const QByteArray &dataJson);
QJsonObject errorEnvelope(ApiError error, const std::optional<QString> &id = std::nullopt);

QByteArray toCompactJson(const QJsonObject &object);

} // namespace harajchat::protocol
