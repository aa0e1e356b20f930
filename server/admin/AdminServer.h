#pragma once

#include "protocol/AdminProtocol.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QWebSocketServer>

class QWebSocket;

namespace harajchat {

class ChatService;
class PresenceRegistry;
class PushService;
class WsGateway;
class WsSession;

struct AdminSettings
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8081;
    bool enabled = true;
    QByteArray token; // required unless the address is loopback
    qint64 countersIntervalMs = 1000;
};

// The operators' socket (docs/admin-protocol.md): a snapshot of sessions, presence and counters,
// then live events; commands to send a contract packet to a user's sockets or close a session.
class AdminServer : public QObject
{
    Q_OBJECT
public:
    AdminServer(const AdminSettings &settings, WsGateway &gateway, PresenceRegistry &presence,
                ChatService &chat, const PushService *push, QObject *parent = nullptr);
    ~AdminServer() override;

    bool listen(QString *error);
    quint16 port() const { return m_server.serverPort(); }

private:
    void acceptPending();
    void onConsoleFrame(QWebSocket *console, const QString &text);
    void execute(QWebSocket *console, const QJsonObject &command);
    void broadcast(const QJsonObject &frame);
    QJsonObject snapshot() const;
    admin::Counters currentCounters(double messagesPerSecond) const;
    void publishCounters();
    void sessionEvent(const QString &type, WsSession *session);

    AdminSettings m_settings;
    WsGateway &m_gateway;
    PresenceRegistry &m_presence;
    ChatService &m_chat;
    const PushService *m_push;
    QWebSocketServer m_server;
    QSet<QWebSocket *> m_pending;  // connected, not yet said hello with the token
    QSet<QWebSocket *> m_consoles; // receive events
    QTimer m_countersTimer;
    QElapsedTimer m_rateClock;
    qint64 m_messagesAtLastTick = 0;
};

} // namespace harajchat
