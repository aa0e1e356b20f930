#include "auth/Authenticator.h"

#include "app/Logging.h"
#include "auth/Jwt.h"
#include "auth/Passwords.h"
#include "auth/Secrets.h"

#include <QPointer>

namespace harajchat {

namespace {
// Longer tokens are refused unread: neither kind comes close, and hashing them would be free work
// for an attacker.
constexpr qsizetype MaxTokenBytes = 4096;
constexpr qsizetype MaxCachedNames = 200000;
constexpr qsizetype MaxCachedTokens = 200000;
} // namespace

Authenticator::Authenticator(StorageQueue &storage, QByteArray jwtSecret, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_jwtSecret(std::move(jwtSecret))
{}

Authenticator::~Authenticator()
{
    m_passwordChecks.waitForDone();
}

void Authenticator::authenticate(const QByteArray &token, QObject *context,
                                 std::function<void(AuthResult)> done)
{
    if (token.isEmpty() || token.size() > MaxTokenBytes) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done(AuthResult{}); }, Qt::QueuedConnection);
        return;
    }
    if (looksLikeJwt(token) && !m_jwtSecret.isEmpty()) {
        authenticateJwt(token, context, std::move(done));
        return;
    }
    const QByteArray hash = accessTokenHash(token);
    m_storage.submit<std::optional<UserRecord>>(
        context,
        [hash](Storage &storage) -> std::optional<UserRecord> {
            const std::optional<qint64> userId = storage.userForAccessToken(hash);
            return userId ? storage.userById(*userId) : std::nullopt;
        },
        [hash, done](StorageResult<std::optional<UserRecord>> result) {
            if (!result.ok)
                done(AuthResult::withStatus(AuthResult::Failed));
            else if (!result.value)
                done(AuthResult::withStatus(AuthResult::Rejected));
            else
                done(AuthResult{AuthResult::Accepted, result.value->id, result.value->name, hash});
        });
}

std::optional<AuthResult> Authenticator::authenticateFromMemory(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > MaxTokenBytes || !looksLikeJwt(token) ||
        m_jwtSecret.isEmpty())
        return std::nullopt;
    std::variant<AuthResult, VerifiedJwt> resolved = resolveJwt(token);
    if (AuthResult *result = std::get_if<AuthResult>(&resolved))
        return std::move(*result);
    return std::nullopt;
}

std::variant<AuthResult, Authenticator::VerifiedJwt>
Authenticator::resolveJwt(const QByteArray &token)
{
    std::optional<VerifiedJwt> verified = verifiedJwt(token);
    if (!verified)
        return AuthResult{};
    // A token without a name keeps the stored name, or gets "user<id>" for a first visit.
    const JwtIdentity &who = verified->identity;
    const auto stored = m_storedNames.constFind(who.userId);
    if (stored == m_storedNames.cend() || (!who.name.isEmpty() && who.name != *stored))
        return std::move(*verified);
    return AuthResult{AuthResult::Accepted, who.userId, *stored, verified->tokenHash};
}

void Authenticator::authenticateJwt(const QByteArray &token, QObject *context,
                                    std::function<void(AuthResult)> done)
{
    std::variant<AuthResult, VerifiedJwt> resolved = resolveJwt(token);
    if (AuthResult *known = std::get_if<AuthResult>(&resolved)) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done), result = std::move(*known)] { done(result); },
            Qt::QueuedConnection);
        return;
    }
    const JwtIdentity who = std::get<VerifiedJwt>(resolved).identity;
    const QByteArray hash = std::get<VerifiedJwt>(resolved).tokenHash;
    m_storage.submit<QString>(
        this,
        [who](Storage &storage) {
            const std::optional<UserRecord> known = storage.userById(who.userId);
            QString name = who.name;
            if (name.isEmpty())
                name = known ? known->name : QStringLiteral("user%1").arg(who.userId);
            if (!known || known->name != name)
                storage.upsertUser(who.userId, name);
            return name;
        },
        [this, who, hash, done, guard = QPointer<QObject>(context)](StorageResult<QString> result) {
            if (result.ok) {
                if (m_storedNames.size() >= MaxCachedNames)
                    m_storedNames.clear();
                m_storedNames.insert(who.userId, result.value);
            }
            if (!guard)
                return;
            if (!result.ok)
                done(AuthResult::withStatus(AuthResult::Failed));
            else
                done(AuthResult{AuthResult::Accepted, who.userId, result.value, hash});
        });
}

// A client sends the same token with every request until it expires: its signature is checked
// once, then remembered (bounded) until its `exp`.
std::optional<Authenticator::VerifiedJwt> Authenticator::verifiedJwt(const QByteArray &token)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto known = m_verifiedJwts.constFind(token);
    if (known != m_verifiedJwts.cend()) {
        const std::optional<qint64> exp = known->identity.expiresAtSecs;
        if (!exp || *exp > now.toSecsSinceEpoch())
            return *known;
        m_verifiedJwts.erase(known);
        return std::nullopt;
    }
    const std::optional<JwtIdentity> identity = verifyJwt(token, m_jwtSecret, now);
    if (!identity)
        return std::nullopt;
    if (m_verifiedJwts.size() >= MaxCachedTokens)
        m_verifiedJwts.clear();
    return *m_verifiedJwts.insert(token, {*identity, accessTokenHash(token)});
}

void Authenticator::login(const QString &username, const QString &password, QObject *context,
                          std::function<void(LoginResult)> done)
{
    m_storage.submit<std::optional<UserRecord>>(
        context, [username](Storage &storage) { return storage.userByName(username); },
        [this, password, context, done](StorageResult<std::optional<UserRecord>> result) {
            if (!result.ok) {
                done(LoginResult::withStatus(LoginResult::Failed));
                return;
            }
            if (!result.value) {
                done(LoginResult::withStatus(LoginResult::Rejected));
                return;
            }
            const UserRecord user = *result.value;
            QPointer<QObject> guard(context);
            m_passwordChecks.start([this, user, password, guard, done] {
                const bool matches = verifyPassword(password, user.passwordHash);
                QMetaObject::invokeMethod(
                    this,
                    [this, user, matches, guard, done] {
                        if (!guard)
                            return;
                        if (matches)
                            issueToken(user, guard, done);
                        else
                            done(LoginResult::withStatus(LoginResult::Rejected));
                    },
                    Qt::QueuedConnection);
            });
        });
}

void Authenticator::issueToken(const UserRecord &user, QObject *context,
                               std::function<void(LoginResult)> done)
{
    const QByteArray token = newAccessToken();
    m_storage.submit<bool>(
        context,
        [hash = accessTokenHash(token), userId = user.id](Storage &storage) {
            storage.insertAccessToken(hash, userId);
            return true;
        },
        [user, token, done](StorageResult<bool> result) {
            if (!result.ok)
                done(LoginResult::withStatus(LoginResult::Failed));
            else
                done(LoginResult{LoginResult::Accepted, user.id, user.name, token});
        });
}

void Authenticator::revoke(const QByteArray &tokenHash, QObject *context,
                           std::function<void(StorageResult<bool>)> done)
{
    m_storage.submit<bool>(
        context, [tokenHash](Storage &storage) { return storage.deleteAccessToken(tokenHash); },
        std::move(done));
}

} // namespace harajchat
