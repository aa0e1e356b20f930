#pragma once

#include "gateway/HttpConnection.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

class QSocketNotifier;

namespace harajchat {

struct ConnectionCaps
{
    int total = 0;
    int perAddress = 0; // 0: no cap per address
};

// The daemon's one TCP port: HTTP API and the WebSocket upgrade on /chat/ws.
// - Accepting: when the process is out of descriptors (or the kernel out of memory), accept fails
//   again at once for as long as connections wait, so accepting pauses instead, 10 ms at first,
//   twice as long after each failure up to 1 s, until a connection is accepted.
// - Caps: connections are counted over their whole life, upgraded ones too; one over a cap is
//   answered 503 with Retry-After and closed.
// - Shutdown: idle HTTP connections close, busy ones after their answer.
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    Listener(const HttpLimits &limits, const ConnectionCaps &caps, const Router &router,
             UpgradeHandler upgrade, QObject *parent = nullptr);
    ~Listener() override;

    // Listens and takes over accepting; false (with errorString()) when it cannot listen.
    bool start(const QHostAddress &address, quint16 port);
    // Stops listening and closes HTTP connections as they become idle; emits httpDrained once
    // none is left.
    void shutDown();
    int httpConnectionCount() const { return m_httpConnections; }

signals:
    void httpDrained();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void acceptWaiting();
    void setAccepting(bool enabled);
    void backOff(const QString &reason);
    void endBackOff();
    bool admits(const QHostAddress &peer) const;
    void countWhileAlive(QTcpSocket *socket, const QHostAddress &peer);
    void refuse(QTcpSocket *socket);
    void stopListening();

    HttpLimits m_limits;
    ConnectionCaps m_caps;
    const Router &m_router;
    UpgradeHandler m_upgrade;
    QSocketNotifier *m_acceptNotifier = nullptr; // POSIX: accepting is ours, not QTcpServer's
    QTimer m_backOffTimer;
    int m_backOffMs = 0; // 0: accepting normally
    QElapsedTimer m_backOffSince;
    int m_failedAccepts = 0; // in the current back-off
    int m_connections = 0;
    QHash<QHostAddress, int> m_connectionsByAddress;
    int m_refusedConnections = 0; // since the last admitted one
    int m_httpConnections = 0;
    bool m_shuttingDown = false;
};

} // namespace harajchat
