#pragma once

#include <QByteArray>

namespace harajchat {

QByteArray randomBytes(int count);

// Compares without an early exit, so timing does not reveal how much of a secret matched.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

// A new local access token: 256 random bits, base64url without padding.
QByteArray newAccessToken();

// What the database keeps of a token: hex SHA-256. A leaked table does not leak usable tokens.
QByteArray accessTokenHash(const QByteArray &token);

} // namespace harajchat
