#pragma once

#include "gateway/WsSession.h"

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

    // Takes a TCP connection whose unread input is the upgrade request.
    void adopt(QTcpSocket *socket);
    // Closes every socket bound with this token (logout).
    void closeSessionsWithToken(const QByteArray &tokenHash);
    // Closes all sockets with 1001; emits drained once none is left.
    void shutDown();

    int sessionCount() const { return int(m_sessions.size()); }

signals:
    void drained();

private:
    void acceptPending();
    void sweep();

    WsServices m_services;
    QWebSocketServer m_server;
    QSet<WsSession *> m_sessions;
    QTimer m_sweepTimer;
    bool m_shuttingDown = false;
};

} // namespace harajchat
