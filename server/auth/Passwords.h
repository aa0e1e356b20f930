#pragma once

#include <QString>

namespace harajchat {

// Password hashes are PBKDF2-HMAC-SHA256: "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>".
// Both calls are slow on purpose; call them off the socket thread.
QString hashPassword(const QString &password, int iterations);
bool verifyPassword(const QString &password, const QString &encodedHash);

} // namespace harajchat
