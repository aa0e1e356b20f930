#pragma once

#include "auth/Jwt.h"
#include "storage/StorageQueue.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <variant>

namespace harajchat {

struct AuthResult
{
    enum Status
    {
        Accepted,
        Rejected,
        Failed
    } status = Rejected; // Failed: storage fault
    qint64 userId = 0;
    QString name;
    QByteArray tokenHash; // identifies the token (sockets bound with it close on logout)

    static AuthResult withStatus(Status status)
    {
        AuthResult result;
        result.status = status;
        return result;
    }
};

struct LoginResult
{
    enum Status
    {
        Accepted,
        Rejected,
        Failed
    } status = Rejected;
    qint64 userId = 0;
    QString name;
    QByteArray accessToken;

    static LoginResult withStatus(Status status)
    {
        LoginResult result;
        result.status = status;
        return result;
    }
};

// Turns bearer tokens into users (local tokens via storage, JWT by signature) and passwords into
// new local tokens. Everything slow happens off the calling thread; callbacks come back on it,
// and only while `context` lives.
class Authenticator : public QObject
{
    Q_OBJECT
public:
    Authenticator(StorageQueue &storage, QByteArray jwtSecret, QObject *parent = nullptr);
    ~Authenticator() override;

    void authenticate(const QByteArray &token, QObject *context,
                      std::function<void(AuthResult)> done);
    // What authenticate() would answer, when memory alone can: a JWT verified before (or found
    // invalid now) whose user's name is known. Otherwise nullopt, and authenticate() it is.
    std::optional<AuthResult> authenticateFromMemory(const QByteArray &token);
    void login(const QString &username, const QString &password, QObject *context,
               std::function<void(LoginResult)> done);
    // Revokes a local token; true when a token was removed.
    void revoke(const QByteArray &tokenHash, QObject *context,
                std::function<void(StorageResult<bool>)> done);

private:
    struct VerifiedJwt
    {
        JwtIdentity identity;
        QByteArray tokenHash;
    };

    std::optional<VerifiedJwt> verifiedJwt(const QByteArray &token);
    // The answer for a JWT when memory has it (verified or refused, and the user's name known);
    // otherwise the verified identity, whose name storage still has to provide.
    std::variant<AuthResult, VerifiedJwt> resolveJwt(const QByteArray &token);
    void authenticateJwt(const QByteArray &token, QObject *context,
                         std::function<void(AuthResult)> done);
    void issueToken(const UserRecord &user, QObject *context,
                    std::function<void(LoginResult)> done);

    StorageQueue &m_storage;
    QByteArray m_jwtSecret;
    QThreadPool m_passwordChecks;
    // Names known to be stored, by user id: a JWT that repeats its user's stored name (nearly every
    // request of a client) needs no storage call. Bounded: cleared when full.
    QHash<qint64, QString> m_storedNames;
    QHash<QByteArray, VerifiedJwt> m_verifiedJwts; // token -> what its signature proved
};

} // namespace harajchat
