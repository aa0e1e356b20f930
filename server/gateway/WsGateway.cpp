#include "gateway/WsGateway.h"

#include "app/Logging.h"

#include <QTcpSocket>
#include <algorithm>

namespace harajchat {

namespace {
// Sweeping a few times per shortest deadline keeps every deadline accurate to a quarter of it;
// at least 5 times a second, so the pings due (spread over the interval) go out in small groups.
int sweepIntervalMs(const WsSettings &settings)
{
    const qint64 shortest =
        std::min({settings.authTimeoutMs, settings.pingIntervalMs, settings.pongTimeoutMs});
    return int(std::clamp<qint64>(shortest / 4, 10, 200));
}
} // namespace

WsGateway::WsGateway(Authenticator &authenticator, PresenceRegistry &presence,
                     StorageQueue &storage, const WsSettings &settings, QObject *parent)
    : QObject(parent)
    , m_services{authenticator, presence, storage, settings, {}, {}}
    , m_server(QStringLiteral("harajchatd"), QWebSocketServer::NonSecureMode)
{
    m_services.clock.start();
    // Accepted sockets are taken at once, so the server's pending queue never fills.
    connect(&m_server, &QWebSocketServer::newConnection, this, &WsGateway::acceptPending);
    m_sweepTimer.setInterval(sweepIntervalMs(settings));
    connect(&m_sweepTimer, &QTimer::timeout, this, &WsGateway::sweep);
    m_sweepTimer.start();
}

WsGateway::~WsGateway()
{
    // Sessions go before the members their signal handlers use; each leaves presence on its way.
    for (WsSession *session : std::as_const(m_sessions)) {
        session->disconnect(this);
        delete session;
    }
}

void WsGateway::adopt(QTcpSocket *socket)
{
    if (m_shuttingDown) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // QWebSocket does not take ownership of a socket it upgrades (Qt parents the ones it accepts
    // itself to its QTcpServer); it does notice when the socket is destroyed.
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    const ConnectionKey key = keyOf(socket->peerAddress(), socket->peerPort(),
                                    socket->localAddress(), socket->localPort());
    m_upgrading.insert(key, socket);
    connect(socket, &QObject::destroyed, this, [this, key, socket] {
        const auto it = m_upgrading.constFind(key);
        if (it != m_upgrading.cend() && it.value() == socket)
            m_upgrading.erase(it);
    });
    m_server.handleConnection(socket);
}

void WsGateway::acceptPending()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        if (m_shuttingDown) {
            socket->close(QWebSocketProtocol::CloseCodeGoingAway);
            socket->deleteLater();
            continue;
        }
        auto *session =
            new WsSession(++m_lastSessionId, socket, takeTransport(*socket), m_services, this);
        m_sessions.insert(session);
        connect(session, &WsSession::changed, this, &WsGateway::sessionChanged);
        connect(session, &WsSession::finished, this, [this](WsSession *finished) {
            m_sessions.remove(finished);
            emit sessionClosed(finished->id());
            finished->deleteLater();
            if (m_shuttingDown && m_sessions.isEmpty())
                emit drained();
        });
        emit sessionOpened(session);
    }
}

WsGateway::ConnectionKey WsGateway::keyOf(const QHostAddress &peer, quint16 peerPort,
                                          const QHostAddress &local, quint16 localPort)
{
    return peer.toString() + QLatin1Char(' ') + QString::number(peerPort) + QLatin1Char(' ') +
           local.toString() + QLatin1Char(' ') + QString::number(localPort);
}

QTcpSocket *WsGateway::takeTransport(const QWebSocket &socket)
{
    return m_upgrading.take(
        keyOf(socket.peerAddress(), socket.peerPort(), socket.localAddress(), socket.localPort()));
}

bool WsGateway::closeSession(quint64 sessionId, quint16 code, const QString &reason)
{
    for (WsSession *session : std::as_const(m_sessions)) {
        if (session->id() == sessionId) {
            session->closeWith(code, reason);
            return true;
        }
    }
    return false;
}

void WsGateway::sweep()
{
    const qint64 now = m_services.clock.elapsed();
    // Copy: a check may end a session, which removes it from the set.
    const QSet<WsSession *> sessions = m_sessions;
    for (WsSession *session : sessions) {
        if (m_sessions.contains(session))
            session->checkDeadlines(now);
    }
}

void WsGateway::closeSessionsWithToken(const QByteArray &tokenHash)
{
    const QSet<WsSession *> sessions = m_sessions;
    for (WsSession *session : sessions) {
        if (session->tokenHash() == tokenHash)
            session->closeWith(CloseUnauthorized, QStringLiteral("logged out"));
    }
}

void WsGateway::shutDown()
{
    m_shuttingDown = true;
    qCInfo(lcWs) << "closing" << m_sessions.size() << "sockets";
    if (m_sessions.isEmpty()) {
        emit drained();
        return;
    }
    const QSet<WsSession *> sessions = m_sessions;
    for (WsSession *session : sessions)
        session->closeWith(CloseGoingAway, QStringLiteral("server shutting down"));
}

} // namespace harajchat
