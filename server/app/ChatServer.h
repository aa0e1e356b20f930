#pragma once

#include "app/Config.h"

#include <QObject>
#include <memory>

namespace harajchat {

class ApiContext;
class AdminServer;
class Authenticator;
class ChatService;
class ClusterNode;
class Listener;
class PresenceRegistry;
class PushService;
class Router;
class StorageQueue;
class WsGateway;

// The whole daemon as one object: storage, auth, presence, HTTP and WebSocket on one port.
// main() and the integration tests both build exactly this.
class ChatServer : public QObject
{
    Q_OBJECT
public:
    explicit ChatServer(ServerConfig config, QObject *parent = nullptr);
    ~ChatServer() override;

    bool start(QString *error);
    // Closes every socket with 1001, waits for them (bounded by the shutdown grace), finishes the
    // storage queue, then emits stopped().
    void stop();

    quint16 port() const;
    // Where the data lives, for the start-up log line.
    QString storageLocation() const;
    StorageQueue &storage() { return *m_storage; }
    // This node's id among several (empty on SQLite).
    QString clusterNodeId() const;
    PresenceRegistry &presence() { return *m_presence; }
    // Null when push is not configured.
    const PushService *push() const { return m_push.get(); }
    // 0 when the admin socket is off.
    quint16 adminPort() const;

signals:
    void stopped();

private:
    void finishStopWhenDrained();
    void finishStop();
    void tearDown();
    bool startCluster(QString *error);

    ServerConfig m_config;
    std::unique_ptr<StorageQueue> m_storage;
    std::unique_ptr<PresenceRegistry> m_presence;
    std::unique_ptr<ClusterNode> m_cluster; // with PostgreSQL only
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<WsGateway> m_gateway;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<PushService> m_push;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<ApiContext> m_api;
    std::unique_ptr<Listener> m_listener;
    std::unique_ptr<AdminServer> m_admin;
    bool m_stopping = false;
    bool m_stopped = false;
};

// The SQLite file the configuration points at; the platform's data directory when unset.
QString resolveDatabasePath(const ServerConfig &config);

StorageSettings storageSettings(const ServerConfig &config);

} // namespace harajchat
