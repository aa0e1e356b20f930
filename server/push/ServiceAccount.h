#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace harajchat {

// The parts of a Google service-account JSON file that FCM HTTP v1 needs.
struct ServiceAccount
{
    QString clientEmail;
    QByteArray privateKeyPem;
    QString tokenUri;
    QString projectId;
};

// Reads and checks the file (the private key must parse), so a broken credential is an error at
// start-up rather than at the first push.
std::optional<ServiceAccount> loadServiceAccount(const QString &path, QString *error);

// RS256 (RSASSA-PKCS1-v1_5 with SHA-256) over `data` with a PEM private key; empty on failure.
QByteArray signRs256(const QByteArray &privateKeyPem, const QByteArray &data);

// The OAuth2 JWT-bearer assertion of the contract's push.md, issued at `issuedAt` (seconds since
// the epoch).
QByteArray oauthAssertion(const ServiceAccount &account, qint64 issuedAt);

} // namespace harajchat
