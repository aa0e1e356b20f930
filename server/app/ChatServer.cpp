#include "app/ChatServer.h"

#include "admin/AdminServer.h"
#include "api/ApiContext.h"
#include "app/FileLimit.h"
#include "app/Logging.h"
#include "app/MainEventDispatcher.h"
#include "auth/Authenticator.h"
#include "chat/ChatService.h"
#include "cluster/ClusterNode.h"
#include "gateway/Listener.h"
#include "gateway/WsGateway.h"
#include "presence/PresenceRegistry.h"
#include "push/PushService.h"
#include "storage/StorageQueue.h"

#include <QDir>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>

namespace harajchat {

QString resolveDatabasePath(const ServerConfig &config)
{
    if (!config.databasePath.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(config.databasePath));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/harajchat.sqlite");
}

StorageSettings storageSettings(const ServerConfig &config)
{
    return {config.storageDriver, resolveDatabasePath(config), config.sqliteSynchronous,
            config.postgres, config.commitDelay()};
}

namespace {
// http/max_connections, or by default the open file limit less a reserve for what is not a
// client (at least half the limit).
ConnectionCaps connectionCaps(const ServerConfig &config)
{
    // Without a descriptor limit (Windows) the total is a number no node reaches.
    constexpr int CapWithoutLimit = 1000000;
    // Descriptors kept for what is not a client: database, journal, admin socket, cluster.
    constexpr qint64 ReservedDescriptors = 128;
    int total = config.maxConnections;
    if (total == 0) {
        const std::optional<qint64> limit = openFileLimit();
        const qint64 reserve = ReservedDescriptors + config.push.maxInFlight;
        total =
            limit ? int(std::clamp<qint64>(qMax(*limit - reserve, *limit / 2), 1, CapWithoutLimit))
                  : CapWithoutLimit;
    }
    return {total, config.maxConnectionsPerIp};
}

WsSettings socketSettings(const ServerConfig &config)
{
    return {config.authTimeoutMs, config.maxAuthFailures, config.pingIntervalMs,
            config.pongTimeoutMs, config.maxFrameBytes,   config.maxSendBufferBytes};
}
} // namespace

ChatServer::ChatServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_config.databasePath = resolveDatabasePath(m_config);
}

ChatServer::~ChatServer()
{
    tearDown();
}

void ChatServer::tearDown()
{
    // Connections go first, storage last: each part's callbacks reference the ones after it.
    m_admin.reset();
    m_listener.reset();
    m_gateway.reset();
    m_api.reset();
    m_chat.reset();
    m_push.reset();
    if (m_cluster)
        m_cluster->leave();
    m_cluster.reset();
    m_authenticator.reset();
    if (m_storage)
        m_storage->stop(); // every accepted job is committed before this returns
    m_storage.reset();
}

bool ChatServer::start(QString *error)
{
    m_storage = std::make_unique<StorageQueue>(storageSettings(m_config));
    if (!m_storage->start(error))
        return false;
    m_presence = std::make_unique<PresenceRegistry>();
    if (!startCluster(error))
        return false;
    m_authenticator = std::make_unique<Authenticator>(*m_storage, m_config.jwtSecret);
    m_gateway = std::make_unique<WsGateway>(*m_authenticator, *m_presence, *m_storage,
                                            socketSettings(m_config));
    if (m_config.push.enabled()) {
        // On SQLite one process holds the database: its leases are its own, under any name.
        const QString leaseHolder = m_cluster ? m_cluster->nodeId() : QStringLiteral("local");
        m_push = PushService::create(m_config.push, *m_storage, leaseHolder,
                                     newSocketEventDispatcher(), error);
        if (!m_push)
            return false;
    } else {
        qCInfo(lcApp)
            << "push is off: set push/credentials (fcm-v1) or push/server_key (fcm-legacy)";
    }
    m_chat = std::make_unique<ChatService>(
        *m_storage, *m_presence,
        ChatSettings{m_config.typingTimeoutMs, m_config.dedupeWindowMs,
                     m_cluster ? m_cluster->nodeId() : QString()},
        m_push ? &m_push->outbox() : nullptr);
    if (m_cluster)
        connect(m_cluster.get(), &ClusterNode::missedSince, m_chat.get(),
                [chat = m_chat.get(), cluster = m_cluster.get()](qint64 sinceMs) {
                    chat->redeliverMissed(sinceMs, [cluster](const QByteArray &key) {
                        return cluster->deliveredRecently(key);
                    });
                });
    if (m_push)
        connect(m_chat.get(), &ChatService::pushesQueued, m_chat.get(),
                [push = m_push.get()](const QueuedPushes &pushes) { push->send(pushes); });
    m_router = std::make_unique<Router>();
    m_api = std::make_unique<ApiContext>(*m_authenticator, *m_storage, *m_presence, *m_gateway,
                                         *m_chat, m_config.maxContentBytes);
    registerServiceRoutes(*m_router, *m_api);
    registerAccountRoutes(*m_router, *m_api);
    registerTopicRoutes(*m_router, *m_api);
    registerMessageRoutes(*m_router, *m_api);
    registerDeviceRoutes(*m_router, *m_api);

    const HttpLimits limits{m_config.maxHeaderBytes, m_config.maxBodyBytes,
                            m_config.httpIdleTimeoutMs};
    m_listener =
        std::make_unique<Listener>(limits, connectionCaps(m_config), *m_router,
                                   [this](QTcpSocket *socket) { m_gateway->adopt(socket); });
    if (!m_listener->start(m_config.listenAddress, m_config.listenPort)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.listenAddress.toString())
                     .arg(m_config.listenPort)
                     .arg(m_listener->errorString());
        return false;
    }
    if (m_config.admin.enabled) {
        m_admin = std::make_unique<AdminServer>(m_config.admin, *m_gateway, *m_presence, *m_chat,
                                                m_push.get());
        if (!m_admin->listen(error))
            return false;
    }
    return true;
}

bool ChatServer::startCluster(QString *error)
{
    if (m_config.storageDriver != QLatin1String("postgres"))
        return true; // SQLite: one node
    m_cluster = std::make_unique<ClusterNode>(*m_storage, *m_presence, storageSettings(m_config),
                                              m_config.cluster);
    return m_cluster->start(error);
}

QString ChatServer::storageLocation() const
{
    if (m_config.storageDriver != QLatin1String("postgres"))
        return m_config.databasePath;
    const PostgresSettings &pg = m_config.postgres;
    return QStringLiteral("PostgreSQL database %1 on %2:%3").arg(pg.database, pg.host).arg(pg.port);
}

QString ChatServer::clusterNodeId() const
{
    return m_cluster ? m_cluster->nodeId() : QString();
}

quint16 ChatServer::adminPort() const
{
    return m_admin ? m_admin->port() : 0;
}

quint16 ChatServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void ChatServer::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcApp) << "stopping";
    if (!m_gateway || !m_listener) {
        QMetaObject::invokeMethod(this, &ChatServer::finishStop, Qt::QueuedConnection);
        return;
    }
    // Requests already read are answered before storage goes: their handlers wait for it.
    connect(m_listener.get(), &Listener::httpDrained, this, &ChatServer::finishStopWhenDrained,
            Qt::QueuedConnection);
    connect(m_gateway.get(), &WsGateway::drained, this, &ChatServer::finishStopWhenDrained,
            Qt::QueuedConnection);
    // Peers that never answer the close frame must not hold the shutdown.
    QTimer::singleShot(m_config.shutdownGraceMs, this, &ChatServer::finishStop);
    m_listener->shutDown();
    m_gateway->shutDown();
}

void ChatServer::finishStopWhenDrained()
{
    if (m_listener && m_listener->httpConnectionCount() == 0 && m_gateway &&
        m_gateway->sessionCount() == 0)
        finishStop();
}

void ChatServer::finishStop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    tearDown();
    qCInfo(lcApp) << "stopped";
    emit stopped();
}

} // namespace harajchat
