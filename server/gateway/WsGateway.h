#pragma once

#include "gateway/WsSession.h"

#include <QObject>
#include <QSet>
#include <QTimer>

class QTcpSocket;

namespace harajchat {

// Owns every session of /chat/ws on this node. One timer sweeps all
// sessions for deadlines instead of a timer per socket.
class WsGateway : public QObject
{
    Q_OBJECT
public:
    WsGateway(Authenticator &authenticator, PresenceRegistry &presence, StorageQueue &storage,
              const WsSettings &settings, QObject *parent = nullptr);
    ~WsGateway() override;

    // Takes a TCP connection just upgraded to a WebSocket (the 101 answer is written).
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
    void sweep();

    WsServices m_services;
    QSet<WsSession *> m_sessions;
    QTimer m_sweepTimer;
    bool m_shuttingDown = false;
    quint64 m_lastSessionId = 0;
};

} // namespace harajchat
