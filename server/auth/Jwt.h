#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace harajchat {

struct JwtIdentity
{
    qint64 userId = 0;
    QString name;                        // empty when the token has no `name` claim
    std::optional<qint64> expiresAtSecs; // the `exp` claim
};

bool looksLikeJwt(const QByteArray &token);

// Verifies an HS256 token: header alg must be HS256, signature must match, `sub` must be a user id
// (number or numeric string), `exp` when present must be after `now`.
std::optional<JwtIdentity> verifyJwt(const QByteArray &token, const QByteArray &secret,
                                     const QDateTime &now);

// Signs claims with HS256; the counterpart the tests and tools use to mint tokens.
QByteArray signJwt(const QByteArray &claimsJson, const QByteArray &secret);

} // namespace harajchat
