#include "gateway/WsSession.h"

#include "app/Logging.h"
#include "auth/Authenticator.h"
#include "protocol/Envelope.h"
#include "storage/StorageQueue.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace harajchat {

using protocol::ApiError;
using protocol::errorEnvelope;
using protocol::successEnvelope;

namespace {
// Frames waiting behind a running command; more than this many frames' worth is a flood.
constexpr qint64 PendingFramesBudget = 16;
// How long a peer may take to answer our close frame before the connection is cut.
constexpr qint64 CloseGraceMs = 5000;
const QLatin1String UserIdKey("user_id");
const QLatin1String PeerIdKey("peer_id");
} // namespace

WsSession::WsSession(quint64 id, QTcpSocket *socket, WsServices &services, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_openedAtMs(QDateTime::currentMSecsSinceEpoch())
    , m_services(services)
    , m_connection(socket, services.settings.maxFrameBytes, services.settings.maxSendBufferBytes,
                   *this)
    , m_connectedAtMs(services.clock.elapsed())
    , m_lastHeardMs(m_connectedAtMs)
    // Each socket pings on a phase of its own: sockets that connected in one burst would otherwise
    // all be pinged in the same sweep, every interval, and stall the loop for everyone.
    , m_lastPingMs(m_connectedAtMs - QRandomGenerator::global()->bounded(
                                         qMax<qint64>(1, services.settings.pingIntervalMs / 2)))
{
    qCDebug(lcWs) << "socket opened from" << peerAddress();
}

WsSession::~WsSession()
{
    leavePresence();
}

admin::SessionInfo WsSession::info()
{
    const QSet<qint64> peers = m_services.presence.peersOf(this);
    QList<qint64> listening(peers.begin(), peers.end());
    std::sort(listening.begin(), listening.end());
    return {m_id, m_userId, m_userName, peerAddress(), m_openedAtMs, listening};
}

QString WsSession::peerAddress() const
{
    return m_connection.peerAddress();
}

void WsSession::onHeard()
{
    m_lastHeardMs = m_services.clock.elapsed();
}

void WsSession::onText(QByteArray &&frame)
{
    if (closing())
        return;
    if (m_pendingBytes + frame.size() > PendingFramesBudget * m_services.settings.maxFrameBytes) {
        closeWith(ClosePolicyViolation, QStringLiteral("too many commands in flight"));
        return;
    }
    m_pendingFrames.enqueue(frame);
    m_pendingBytes += frame.size();
    runNextCommand();
}

void WsSession::onBinary()
{
    // Binary frames are answered in turn, like any other malformed command.
    onText(QByteArray());
}

void WsSession::onBacklogged()
{
    abortConnection("does not read its packets");
}

void WsSession::onClosing()
{
    beginClosing();
}

void WsSession::beginClosing()
{
    leavePresence();
    if (!m_closingSinceMs)
        m_closingSinceMs = m_services.clock.elapsed(); // from here the close grace runs
}

void WsSession::onEnded()
{
    beginClosing();
    emit finished(this);
}

void WsSession::runNextCommand()
{
    while (!m_commandRunning && !closing() && !m_pendingFrames.isEmpty()) {
        const QByteArray frame = m_pendingFrames.dequeue();
        m_pendingBytes -= frame.size();
        m_commandRunning = true;
        execute(parseWsCommand(frame));
    }
}

void WsSession::commandDone()
{
    m_commandRunning = false;
    runNextCommand();
}

void WsSession::execute(const WsCommand &command)
{
    switch (command.kind) {
    case WsCommand::Invalid:
        reply(errorEnvelope(ApiError::BadRequest, command.id));
        commandDone();
        return;
    case WsCommand::Auth:
        authenticate(command);
        return;
    case WsCommand::Listen:
    case WsCommand::Unlisten:
        if (m_userId == 0) {
            reply(errorEnvelope(ApiError::AuthRequired, command.id));
            commandDone();
        } else if (command.kind == WsCommand::Listen) {
            listen(command);
        } else {
            unlisten(command);
        }
        return;
    }
}

void WsSession::authenticate(const WsCommand &command)
{
    m_services.authenticator.authenticate(
        command.accessToken, this, [this, command](AuthResult result) {
            if (closing())
                return;
            if (result.status == AuthResult::Failed) {
                reply(errorEnvelope(ApiError::ServerInternalError, command.id));
            } else if (result.status == AuthResult::Rejected) {
                reply(errorEnvelope(ApiError::InvalidAccessToken, command.id));
                if (++m_failedAuths >= m_services.settings.maxAuthFailures) {
                    closeWith(CloseUnauthorized, QStringLiteral("too many failed auth attempts"));
                    return;
                }
            } else if (m_userId != 0 && m_userId != result.userId) {
                reply(errorEnvelope(ApiError::AlreadyAuthenticated, command.id));
            } else {
                if (m_userId == 0) {
                    m_userId = result.userId;
                    m_tokenHash = result.tokenHash;
                    m_userName = result.name;
                    m_services.presence.addSession(m_userId, this);
                    m_inPresence = true;
                    qCDebug(lcWs) << "socket" << peerAddress() << "authenticated as" << m_userId;
                    emit changed(this);
                }
                answerAuthenticated(command);
                return;
            }
            commandDone();
        });
}

void WsSession::answerAuthenticated(const WsCommand &command)
{
    const QJsonObject answer = successEnvelope(200, {{UserIdKey, m_userId}}, command.id);
    if (!m_services.presence.isClustered()) {
        reply(answer);
        commandDone();
        return;
    }
    // With several nodes, this socket counts for presence once its node has recorded it; an empty
    // job behind that record says when. Answering before could let another node see the user
    // offline in between, though this socket was already authenticated.
    m_services.storage.submit<bool>(
        this, [](Storage &) { return true; },
        [this, answer](StorageResult<bool>) {
            if (closing())
                return;
            reply(answer);
            commandDone();
        });
}

void WsSession::listen(const WsCommand &command)
{
    if (command.peerId == m_userId) {
        answerListen(command, false);
        return;
    }
    const qint64 userId = m_userId;
    m_services.storage.submit<bool>(
        this,
        [userId, peerId = command.peerId](Storage &storage) {
            return storage.topicExists(userId, peerId);
        },
        [this, command](StorageResult<bool> result) {
            if (closing())
                return;
            if (!result.ok) {
                reply(errorEnvelope(ApiError::ServerInternalError, command.id));
                commandDone();
                return;
            }
            answerListen(command, result.value);
        });
}

void WsSession::unlisten(const WsCommand &command)
{
    // Stopping what is running needs no lookup; otherwise the peer must still be a p2p peer.
    if (m_services.presence.isListening(this, command.peerId))
        answerListen(command, true);
    else
        listen(command);
}

void WsSession::answerListen(const WsCommand &command, bool allowed)
{
    if (!allowed) {
        reply(errorEnvelope(ApiError::ForbiddenAccess, command.id));
    } else if (command.kind == WsCommand::Listen) {
        m_services.presence.listen(this, command.peerId);
        emit changed(this);
        reply(successEnvelope(
            200,
            {{UserIdKey, m_userId},
             {PeerIdKey, command.peerId},
             {QStringLiteral("is_online"), m_services.presence.isOnline(command.peerId)}},
            command.id));
    } else {
        m_services.presence.unlisten(this, command.peerId);
        emit changed(this);
        reply(
            successEnvelope(200, {{UserIdKey, m_userId}, {PeerIdKey, command.peerId}}, command.id));
    }
    commandDone();
}

void WsSession::reply(const QJsonObject &envelope)
{
    sendPacket(protocol::toCompactJson(envelope));
}

void WsSession::sendPacket(const QByteArray &json)
{
    if (closing())
        return;
    // Framed once per packet, not per socket: a fan-out hands every session the same bytes.
    m_connection.send(m_services.frames.frameFor(json));
}

void WsSession::checkDeadlines(qint64 nowMs)
{
    const WsSettings &settings = m_services.settings;
    if (m_closingSinceMs) {
        if (nowMs - *m_closingSinceMs >= CloseGraceMs)
            m_connection.abort();
        return;
    }
    if (m_userId == 0 && nowMs - m_connectedAtMs >= settings.authTimeoutMs) {
        closeWith(CloseUnauthorized, QStringLiteral("authentication timeout"));
    } else if (nowMs - m_lastHeardMs >= settings.pongTimeoutMs) {
        abortConnection("stopped answering pings");
    } else if (nowMs - m_lastPingMs >= settings.pingIntervalMs) {
        m_lastPingMs = nowMs;
        m_connection.ping();
    }
}

void WsSession::closeWith(quint16 code, const QString &reason)
{
    if (closing())
        return;
    beginClosing();
    m_connection.close(code, reason);
}

void WsSession::abortConnection(const char *why)
{
    qCInfo(lcWs) << "dropping socket" << peerAddress() << "user" << m_userId << why;
    beginClosing();
    m_connection.abort();
}

void WsSession::leavePresence()
{
    if (!m_inPresence)
        return;
    m_inPresence = false;
    m_services.presence.removeSession(m_userId, this);
}

} // namespace harajchat
