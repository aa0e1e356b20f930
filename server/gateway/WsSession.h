#pragma once

#include "gateway/WsCommand.h"
#include "gateway/WsConnection.h"
#include "gateway/WsFrames.h"
#include "presence/PresenceRegistry.h"
#include "protocol/AdminProtocol.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <optional>

namespace harajchat {

class Authenticator;
class StorageQueue;

struct WsSettings
{
    qint64 authTimeoutMs = 10000;
    int maxAuthFailures = 5;
    qint64 pingIntervalMs = 30000;
    qint64 pongTimeoutMs = 60000;
    qint64 maxFrameBytes = 64 * 1024;
    qint64 maxSendBufferBytes = 1024 * 1024;
};

// What every session uses; owned by the gateway's owner, outlives all sessions.
struct WsServices
{
    Authenticator &authenticator;
    PresenceRegistry &presence;
    StorageQueue &storage;
    WsSettings settings;
    QElapsedTimer clock;   // monotonic time for every session deadline
    TextFrameCache frames; // the last packet's frame, shared by the sockets of a fan-out
};

// One client socket of /chat/ws: runs its commands strictly in order (an answer never overtakes
// an earlier one), binds to one user on `auth`, and is registered for presence while bound.
class WsSession : public QObject, public PacketSink, private WsConnection::Handler
{
    Q_OBJECT
public:
    // Takes `socket`, upgraded to a WebSocket.
    WsSession(quint64 id, QTcpSocket *socket, WsServices &services, QObject *parent);
    ~WsSession() override;

    void sendPacket(const QByteArray &json) override;
    // Called periodically by the gateway: auth deadline, pings, dead and slow peers.
    void checkDeadlines(qint64 nowMs);
    // Leaves presence at once, then closes with a close frame.
    void closeWith(quint16 code, const QString &reason);

    quint64 id() const { return m_id; }
    qint64 userId() const { return m_userId; }
    admin::SessionInfo info();
    const QByteArray &tokenHash() const { return m_tokenHash; }
    QString peerAddress() const;

signals:
    void finished(WsSession *session);
    // Authenticated, or started / stopped listening.
    void changed(WsSession *session);

private:
    void onHeard() override;
    void onText(QByteArray &&frame) override;
    void onBinary() override;
    void onBacklogged() override;
    void onClosing() override;
    void onEnded() override;
    void runNextCommand();
    void execute(const WsCommand &command);
    void authenticate(const WsCommand &command);
    void answerAuthenticated(const WsCommand &command);
    void listen(const WsCommand &command);
    void unlisten(const WsCommand &command);
    void answerListen(const WsCommand &command, bool allowed);
    void reply(const QJsonObject &envelope);
    void commandDone();
    // Leaves presence and starts the close grace, once.
    void beginClosing();
    void abortConnection(const char *why);
    void leavePresence();
    bool closing() const { return m_closingSinceMs.has_value(); }

    const quint64 m_id;
    const qint64 m_openedAtMs; // wall clock, for operators
    WsServices &m_services;
    WsConnection m_connection;
    QQueue<QByteArray> m_pendingFrames;
    qint64 m_pendingBytes = 0;
    bool m_commandRunning = false;
    bool m_inPresence = false;

    qint64 m_userId = 0; // 0 until authenticated
    QByteArray m_tokenHash;
    QString m_userName;
    int m_failedAuths = 0;

    qint64 m_connectedAtMs;
    qint64 m_lastHeardMs;
    qint64 m_lastPingMs;
    std::optional<qint64> m_closingSinceMs; // set once closing begins: the close grace runs from it
};

} // namespace harajchat
