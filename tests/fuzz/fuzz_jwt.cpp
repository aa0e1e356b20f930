// Checks HS256 verification (verifyJwt) three ways on every input:
// - the bytes as a token: accepted only when its signature is the secret's HMAC of the rest, and
//   then only with the claims the server relies on (a valid user id, an `exp` still ahead);
// - the bytes as claims, signed with the secret: no crash, and what is accepted is what they say;
// - claims built from the bytes, valid by construction: their token verifies to exactly them, and
//   not with another secret, nor with any one byte of it changed.
#include "FuzzCheck.h"
#include "auth/Jwt.h"
#include "protocol/Ids.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <fuzzer/FuzzedDataProvider.h>

using namespace harajchat;

namespace {
const QByteArray Secret = QByteArrayLiteral("test-jwt-secret");
const QDateTime Now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC); // 2026-01-01

void checkClaimsHold(const JwtIdentity &identity)
{
    FUZZ_CHECK(protocol::isValidUserId(identity.userId));
    FUZZ_CHECK(!identity.expiresAtSecs || *identity.expiresAtSecs > Now.toSecsSinceEpoch());
}

void checkAsToken(const QByteArray &token)
{
    const std::optional<JwtIdentity> identity = verifyJwt(token, Secret, Now);
    if (!identity)
        return;
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArray expected =
        QMessageAuthenticationCode::hash(token.left(lastDot), Secret, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    FUZZ_CHECK(token.mid(lastDot + 1) == expected);
    checkClaimsHold(*identity);
}

void checkAsClaims(const QByteArray &claimsJson)
{
    const std::optional<JwtIdentity> identity = verifyJwt(signJwt(claimsJson, Secret), Secret, Now);
    if (!identity)
        return;
    checkClaimsHold(*identity);
    const QJsonObject claims = QJsonDocument::fromJson(claimsJson).object();
    FUZZ_CHECK(identity->name == claims.value(QLatin1String("name")).toString());
    FUZZ_CHECK(identity->expiresAtSecs.has_value() == claims.contains(QLatin1String("exp")));
}

void checkBuiltClaims(FuzzedDataProvider &in)
{
    const qint64 userId = in.ConsumeIntegralInRange<qint64>(1, protocol::MaxUserId);
    QJsonObject claims;
    if (in.ConsumeBool())
        claims.insert(QLatin1String("sub"), QString::number(userId));
    else
        claims.insert(QLatin1String("sub"), userId);
    std::optional<qint64> exp;
    if (in.ConsumeBool()) {
        exp = Now.toSecsSinceEpoch() + in.ConsumeIntegralInRange<qint64>(1, qint64(1) << 40);
        claims.insert(QLatin1String("exp"), *exp);
    }
    const QString name = QString::fromStdString(in.ConsumeRandomLengthString(64));
    if (!name.isEmpty())
        claims.insert(QLatin1String("name"), name);
    QByteArray token = signJwt(QJsonDocument(claims).toJson(QJsonDocument::Compact), Secret);

    const std::optional<JwtIdentity> identity = verifyJwt(token, Secret, Now);
    FUZZ_CHECK(identity && identity->userId == userId && identity->name == name &&
               identity->expiresAtSecs == exp);
    FUZZ_CHECK(!verifyJwt(token, Secret + 'x', Now));
    const auto at = in.ConsumeIntegralInRange<qsizetype>(0, token.size() - 1);
    token[at] = char(token[at] ^ in.ConsumeIntegralInRange<uint8_t>(1, 255));
    FUZZ_CHECK(!verifyJwt(token, Secret, Now));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkAsToken(bytes);
    checkAsClaims(bytes);
    FuzzedDataProvider in(data, size);
    checkBuiltClaims(in);
    return 0;
}
