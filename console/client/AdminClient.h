#pragma once

#include "protocol/AdminProtocol.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace harajchat::console {

// The console's end of the admin socket (docs/admin-protocol.md): says hello, turns frames into
// signals, and reconnects with a growing delay after the daemon goes away, until the operator
// disconnects or the token is refused.
class AdminClient : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected,
        Connecting,
        Connected,
        WaitingToReconnect,
        Refused
    };
    Q_ENUM(State)

    explicit AdminClient(QObject *parent = nullptr);
    ~AdminClient() override;

    void connectTo(const QUrl &url, const QString &token);
    void disconnectFromServer();
    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    int reconnectDelayMs() const { return m_reconnectDelayMs; }
    // While waiting to reconnect: whether a live connection was lost (rather than never made),
    // and the socket's reason, empty when it gave none.
    bool lostConnection() const { return m_lostConnection; }
    QString lastError() const { return m_lastError; }

    // Commands; their outcome comes back as commandFinished with the same id.
    void sendPacket(const QString &id, qint64 userId, const QJsonObject &packet);
    void closeSession(const QString &id, quint64 sessionId);

signals:
    void stateChanged(harajchat::console::AdminClient::State state);
    void snapshotReceived(const QList<harajchat::admin::SessionInfo> &sessions,
                          const QList<qint64> &onlineUsers,
                          const harajchat::admin::Counters &counters);
    void sessionOpened(const harajchat::admin::SessionInfo &session);
    void sessionUpdated(const harajchat::admin::SessionInfo &session);
    void sessionClosed(quint64 sessionId);
    void presenceChanged(qint64 userId, bool online);
    void packetDelivered(qint64 userId, int sockets, const QJsonObject &packet);
    void countersChanged(const harajchat::admin::Counters &counters);
    // sockets: how many sockets a send_packet reached; -1 for other commands.
    void commandFinished(const QString &id, bool ok, const QString &error, int sockets);

private:
    void open();
    void setState(State state);
    void onConnected();
    void onDisconnected();
    void onFrame(const QString &text);
    void send(const QJsonObject &frame);

    QWebSocket m_socket;
    QTimer m_reconnectTimer;
    QUrl m_url;
    QString m_token;
    State m_state = State::Disconnected;
    int m_reconnectDelayMs = 0;
    bool m_lostConnection = false;
    QString m_lastError;
    bool m_wanted = false; // the operator wants a connection
};

} // namespace harajchat::console
