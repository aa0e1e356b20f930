#include "gateway/WsGateway.h"

#include "app/Logging.h"

#include <algorithm>

namespace harajchat {

namespace {
// A sweep visits every socket, so it runs only as often as deadlines need: each is kept to a
// tenth of the shortest timeout, and at most a second late (with the defaults, once a second;
// the pings due, spread over the interval, still go out in groups of a thirtieth).
int sweepIntervalMs(const WsSettings &settings)
{
    const qint64 shortest =
        std::min({settings.authTimeoutMs, settings.pingIntervalMs, settings.pongTimeoutMs});
    return int(std::clamp<qint64>(shortest / 10, 10, 1000));
}
} // namespace

WsGateway::WsGateway(Authenticator &authenticator, PresenceRegistry &presence,
                     StorageQueue &storage, const WsSettings &settings, QObject *parent)
    : QObject(parent)
    , m_services{authenticator, presence, storage, settings, {}, {}}
{
    m_services.clock.start();
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
    auto *session = new WsSession(++m_lastSessionId, socket, m_services, this);
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
    if (m_shuttingDown)
        session->closeWith(CloseGoingAway, QStringLiteral("server shutting down"));
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
