#include "TestServer.h"

#include "TestDatabase.h"
#include "auth/Jwt.h"
#include "auth/Passwords.h"
#include "auth/Secrets.h"
#include "storage/StorageQueue.h"

#include <QTest>

namespace harajchat::test {

namespace {
// Fast hashing for tests; the hash format keeps its iteration count, so login still verifies.
constexpr int TestPasswordIterations = 1000;
} // namespace

TestServer::TestServer(const std::function<void(ServerConfig &)> &tweak)
{
    m_config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    m_config.listenPort = 0;
    m_config.admin.port = 0;
    const StorageSettings storage = testStorage(m_dir, QStringLiteral("chat.sqlite"));
    m_config.storageDriver = storage.driver;
    m_config.databasePath = storage.path;
    m_config.postgres = storage.postgres;
    m_config.jwtSecret = JwtSecret;
    m_config.passwordIterations = TestPasswordIterations;
    if (tweak)
        tweak(m_config);
    start();
}

void TestServer::start()
{
    m_server = std::make_unique<ChatServer>(m_config);
    QString error;
    if (!m_server->start(&error))
        qFatal("test server did not start: %s", qPrintable(error));
}

void TestServer::restart()
{
    m_server.reset();
    start();
}

TestServer::~TestServer() = default;

QUrl TestServer::url(const QString &path, const QString &scheme) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(scheme).arg(port()).arg(path));
}

qint64 TestServer::addUser(const QString &name, const QString &password)
{
    const QString hash = hashPassword(password, TestPasswordIterations);
    const auto result = m_server->storage().call<std::optional<qint64>>(
        [&](Storage &storage) { return storage.insertUser(std::nullopt, name, hash); });
    if (!result.ok || !result.value)
        qFatal("cannot add user %s", qPrintable(name));
    return *result.value;
}

QByteArray TestServer::issueToken(qint64 userId)
{
    const QByteArray token = newAccessToken();
    const auto result = m_server->storage().call<bool>([&](Storage &storage) {
        storage.insertAccessToken(accessTokenHash(token), userId);
        return true;
    });
    if (!result.ok)
        qFatal("cannot issue token");
    return token;
}

void TestServer::addTopic(qint64 userA, qint64 userB)
{
    const auto result = m_server->storage().call<bool>(
        [&](Storage &storage) { return storage.ensureTopic(userA, userB); });
    if (!result.ok)
        qFatal("cannot add topic");
}

std::unique_ptr<WsClient> TestServer::connectAs(qint64 userId)
{
    auto client = std::make_unique<WsClient>();
    if (!client->open(wsUrl()) || !client->authenticate(issueToken(userId)))
        return nullptr;
    return client;
}

QByteArray TestServer::jwt(const QByteArray &claimsJson)
{
    return signJwt(claimsJson, JwtSecret);
}

} // namespace harajchat::test
