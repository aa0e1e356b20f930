#pragma once

#include "admin/AdminServer.h"
#include "cluster/ClusterSettings.h"
#include "push/PushSettings.h"
#include "storage/SqlStorage.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <optional>

namespace harajchat {

// Everything the daemon can be told, with the defaults of docs/configuration.md.
// Durations are milliseconds, sizes are bytes.
struct ServerConfig
{
    QHostAddress listenAddress = QHostAddress(QHostAddress::Any);
    quint16 listenPort = 8080;

    QString storageDriver = QStringLiteral("sqlite");
    QString databasePath; // empty: <data dir>/harajchat.sqlite
    QString sqliteSynchronous = QStringLiteral("FULL");
    // Unset: 2 ms on SQLite, 5 ms on PostgreSQL, where a commit is a round trip to a server that
    // several nodes share (docs/configuration.md).
    std::optional<qint64> commitDelayMs;
    qint64 commitDelay() const
    {
        return commitDelayMs.value_or(storageDriver == QLatin1String("postgres") ? 5 : 2);
    }
    PostgresSettings postgres; // when storageDriver is "postgres"
    ClusterSettings cluster;

    QByteArray jwtSecret; // empty: JWT tokens are not accepted
    int passwordIterations = 100000;

    qint64 authTimeoutMs = 10000;
    int maxAuthFailures = 5;
    qint64 pingIntervalMs = 30000;
    qint64 pongTimeoutMs = 60000;
    qint64 maxFrameBytes = 64 * 1024;
    qint64 maxSendBufferBytes = 1024 * 1024;

    qint64 maxBodyBytes = 64 * 1024;
    qint64 maxHeaderBytes = 16 * 1024;
    qint64 httpIdleTimeoutMs = 60000;
    int maxConnections = 0; // 0: derived from the open file limit (connectionCaps)
    int maxConnectionsPerIp = 4096;

    qint64 typingTimeoutMs = 10000;
    qint64 maxContentBytes = 16 * 1024;
    qint64 dedupeWindowMs = 24 * 3600 * 1000;

    PushSettings push;
    AdminSettings admin;

    qint64 shutdownGraceMs = 3000;
    QString logRules;
};

// "250ms", "10s", "5m", "1h" or a bare number of seconds; nullopt when malformed or negative.
std::optional<qint64> parseDurationMs(const QString &text);

// "host:port", "[::1]:8080", ":8080" or "8080" (all interfaces).
bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port);

// Reads an INI file on top of the defaults. Unknown keys are errors: a typo must not pass silently.
std::optional<ServerConfig> loadConfig(const QString &iniPath, QString *error);

} // namespace harajchat
