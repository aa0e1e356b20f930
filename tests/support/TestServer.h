#pragma once

#include "WsClient.h"
#include "app/ChatServer.h"

#include <QTemporaryDir>
#include <QUrl>
#include <functional>
#include <memory>

namespace harajchat::test {

// The real daemon in-process: loopback, port 0, a fresh SQLite file in a temporary directory.
// Timeouts can be shortened through `tweak` so tests stay fast.
class TestServer
{
public:
    static constexpr const char *JwtSecret = "test-jwt-secret";

    explicit TestServer(const std::function<void(ServerConfig &)> &tweak = {});
    ~TestServer();

    ChatServer &server() { return *m_server; }
    const ServerConfig &config() const { return m_config; }
    // Stops the server and starts a new one on the same database and configuration.
    void restart();
    quint16 port() const { return m_server->port(); }
    QUrl url(const QString &path, const QString &scheme = QStringLiteral("http")) const;
    QUrl wsUrl() const { return url(QStringLiteral("/chat/ws"), QStringLiteral("ws")); }
    QUrl adminUrl() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server->adminPort()));
    }
    QString dataDir() const { return m_dir.path(); }

    // Direct storage set-up (the command-line verbs do the same).
    qint64 addUser(const QString &name, const QString &password = QStringLiteral("secret"));
    QByteArray issueToken(qint64 userId);
    void addTopic(qint64 userA, qint64 userB);
    static QByteArray jwt(const QByteArray &claimsJson);
    // A socket authenticated as the user (with a fresh token); null when that failed.
    std::unique_ptr<WsClient> connectAs(qint64 userId);

private:
    void start();

    QTemporaryDir m_dir;
    ServerConfig m_config;
    std::unique_ptr<ChatServer> m_server;
};

} // namespace harajchat::test
