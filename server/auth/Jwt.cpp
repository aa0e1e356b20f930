#include "auth/Jwt.h"

#include "auth/Secrets.h"
#include "protocol/Ids.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMessageAuthenticationCode>
#include <algorithm>

namespace harajchat {

namespace {
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
// A later `exp` (any number is valid) counts as this one, 285 million years ahead: converting a
// double past qint64's range to qint64 is undefined.
constexpr double LatestExpSecs = double(qint64(1) << 53);

std::optional<QJsonObject> decodeJsonPart(const QByteArray &part)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        part, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

QByteArray signature(const QByteArray &signingInput, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256)
        .toBase64(Base64Url);
}

std::optional<qint64> subjectId(const QJsonValue &sub)
{
    if (sub.isString()) {
        bool ok = false;
        const qint64 id = sub.toString().toLongLong(&ok);
        if (ok && protocol::isValidUserId(id) && QString::number(id) == sub.toString())
            return id;
        return std::nullopt;
    }
    return protocol::userIdFromJson(sub);
}
} // namespace

bool looksLikeJwt(const QByteArray &token)
{
    return token.count('.') == 2;
}

std::optional<JwtIdentity> verifyJwt(const QByteArray &token, const QByteArray &secret,
                                     const QDateTime &now)
{
    if (secret.isEmpty() || !looksLikeJwt(token))
        return std::nullopt;
    const QList<QByteArray> parts = token.split('.');
    const std::optional<QJsonObject> header = decodeJsonPart(parts[0]);
    if (!header || header->value(QLatin1String("alg")).toString() != QLatin1String("HS256"))
        return std::nullopt;
    const QByteArray signingInput = parts[0] + '.' + parts[1];
    if (!constantTimeEquals(signature(signingInput, secret), parts[2]))
        return std::nullopt;
    const std::optional<QJsonObject> claims = decodeJsonPart(parts[1]);
    if (!claims)
        return std::nullopt;
    const std::optional<qint64> userId = subjectId(claims->value(QLatin1String("sub")));
    if (!userId)
        return std::nullopt;
    const QJsonValue exp = claims->value(QLatin1String("exp"));
    if (!exp.isUndefined() && (!exp.isDouble() || exp.toDouble() <= now.toSecsSinceEpoch()))
        return std::nullopt;
    const QJsonValue name = claims->value(QLatin1String("name"));
    if (!name.isUndefined() && !name.isString())
        return std::nullopt;
    return JwtIdentity{
        *userId, name.toString(),
        exp.isUndefined() ? std::nullopt
                          : std::optional<qint64>(qint64(std::min(exp.toDouble(), LatestExpSecs)))};
}

QByteArray signJwt(const QByteArray &claimsJson, const QByteArray &secret)
{
    const QByteArray header =
        QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})").toBase64(Base64Url);
    const QByteArray signingInput = header + '.' + claimsJson.toBase64(Base64Url);
    return signingInput + '.' + signature(signingInput, secret);
}

} // namespace harajchat
