#pragma once

#include "gateway/WsSession.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QWebSocketServer>

class QTcpSocket;

namespace harajchat {

// Owns the WebSocket server and every session of /chat/ws on this node. One timer sweeps all
// sessions for deadlines instead of a timer per socket.
class WsGateway : public QObject
{
    Q_OBJECT
public:
    WsGateway(Authenticator &authenticator, PresenceRegistry &presence, StorageQueue &storage,
              const WsSettings &settings, QObject *parent = nullptr);
    ~WsGateway() override;

    // Takes a TCP connection whose unread input is the upgrade request.
    void adopt(QTcpSocket *socket);
    // Closes every socket bound with this token (logout).
    void closeSessionsWithToken(const QByteArray &tokenHash);
    // Closes all sockets with 1001; emits drained once none is left.
    void shutDown();

    int sessionCount() const { return int(m_sessions.size()); }
    QList<WsSession *> sessions() const { return m_sessions.values(); }
    // False when no such session is open.
    bool closeSession(quint64 sessionId, quint16 code, const QString &reason);

signals:
    void drained();
    void sessionOpened(WsSession *session);
    void sessionChanged(WsSession *session);
    void sessionClosed(quint64 sessionId);

private:
    void acceptPending();
    void sweep();
    // The TCP connection a QWebSocket was upgraded from (Qt does not tell), by its addresses.
    QTcpSocket *takeTransport(const QWebSocket &socket);

    using ConnectionKey = QString;
    static ConnectionKey keyOf(const QHostAddress &peer, quint16 peerPort,
                               const QHostAddress &local, quint16 localPort);

    WsServices m_services;
    QWebSocketServer m_server;
    QSet<WsSession *> m_sessions;
    QHash<ConnectionKey, QTcpSocket *> m_upgrading; // handed to the server, not yet a session
    QTimer m_sweepTimer;
    bool m_shuttingDown = false;
    quint64 m_lastSessionId = 0;
};

} // namespace harajchat
