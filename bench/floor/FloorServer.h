#pragma once

#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QWebSocketServer>

class QWebSocket;

namespace bench {

// The floor of the fan-out scenario: Qt's own WebSocket server with nothing of the daemon on top.
// Sockets are accepted the way the daemon accepts them (TCP_NODELAY, handleConnection). A socket's
// first text frame is answered like an `auth`; every later one is sent as is to all other sockets.
class FloorServer : public QObject
{
    Q_OBJECT
public:
    explicit FloorServer(QObject *parent = nullptr);
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_tcp.serverPort(); }

private:
    void acceptTcp();
    void acceptWebSocket();
    void onText(QWebSocket *sender, const QString &text);

    QTcpServer m_tcp;
    QWebSocketServer m_server;
    QList<QWebSocket *> m_sockets;
};

} // namespace bench
