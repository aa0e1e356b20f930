#include "FloorServer.h"

#include <QTcpSocket>
#include <QWebSocket>

namespace bench {

namespace {
const char *const GreetedProperty = "greeted";
}

FloorServer::FloorServer(QObject *parent)
    : QObject(parent)
    , m_server(QStringLiteral("floor"), QWebSocketServer::NonSecureMode)
{
    m_tcp.setListenBacklogSize(1024);
    m_tcp.setMaxPendingConnections(100000);
    connect(&m_tcp, &QTcpServer::newConnection, this, &FloorServer::acceptTcp);
    connect(&m_server, &QWebSocketServer::newConnection, this, &FloorServer::acceptWebSocket);
}

bool FloorServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcp.listen(address, port);
}

void FloorServer::acceptTcp()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_server.handleConnection(socket);
    }
}

void FloorServer::acceptWebSocket()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        m_sockets.append(socket);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { onText(socket, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_sockets.removeOne(socket);
            socket->deleteLater();
        });
    }
}

void FloorServer::onText(QWebSocket *sender, const QString &text)
{
    if (!sender->property(GreetedProperty).toBool()) {
        sender->setProperty(GreetedProperty, true);
        sender->sendTextMessage(QStringLiteral("{\"data\":{},\"status\":200}"));
        return;
    }
    for (QWebSocket *socket : std::as_const(m_sockets)) {
        if (socket != sender)
            socket->sendTextMessage(text);
    }
}

} // namespace bench
