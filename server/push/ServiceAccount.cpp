#include "push/ServiceAccount.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace harajchat {

namespace {
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
const QString FcmScope = QStringLiteral("https://www.googleapis.com/auth/firebase.messaging");

struct KeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
using PrivateKey = std::unique_ptr<EVP_PKEY, KeyDeleter>;

PrivateKey readPrivateKey(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    if (!bio)
        return nullptr;
    PrivateKey key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return key;
}
} // namespace

std::optional<ServiceAccount> loadServiceAccount(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read push credentials %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    ServiceAccount account{json.value(QLatin1String("client_email")).toString(),
                           json.value(QLatin1String("private_key")).toString().toUtf8(),
                           json.value(QLatin1String("token_uri")).toString(),
                           json.value(QLatin1String("project_id")).toString()};
    if (account.clientEmail.isEmpty() || account.tokenUri.isEmpty() ||
        account.projectId.isEmpty()) {
        *error = QStringLiteral("push credentials %1: client_email, token_uri and project_id are"
                                " required")
                     .arg(path);
        return std::nullopt;
    }
    if (!readPrivateKey(account.privateKeyPem)) {
        *error =
            QStringLiteral("push credentials %1: private_key is not a PEM private key").arg(path);
        return std::nullopt;
    }
    return account;
}

QByteArray signRs256(const QByteArray &privateKeyPem, const QByteArray &data)
{
    const PrivateKey key = readPrivateKey(privateKeyPem);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    size_t length = 0;
    if (!key || !context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSignUpdate(context.get(), data.constData(), size_t(data.size())) != 1 ||
        EVP_DigestSignFinal(context.get(), nullptr, &length) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSignFinal(context.get(), reinterpret_cast<unsigned char *>(signature.data()),
                            &length) != 1)
        return {};
    signature.truncate(qsizetype(length));
    return signature;
}

QByteArray oauthAssertion(const ServiceAccount &account, qint64 issuedAt)
{
    const QByteArray header =
        QByteArrayLiteral(R"({"alg":"RS256","typ":"JWT"})").toBase64(Base64Url);
    const QJsonObject claims{{QStringLiteral("iss"), account.clientEmail},
                             {QStringLiteral("scope"), FcmScope},
                             {QStringLiteral("aud"), account.tokenUri},
                             {QStringLiteral("iat"), issuedAt},
                             {QStringLiteral("exp"), issuedAt + 3600}};
    const QByteArray signingInput =
        header + '.' + QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(Base64Url);
    return signingInput + '.' + signRs256(account.privateKeyPem, signingInput).toBase64(Base64Url);
}

} // namespace harajchat
