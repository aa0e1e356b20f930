#include "client/AdminClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalBlocker>

namespace harajchat::console {

namespace {
constexpr int FirstReconnectDelayMs = 1000;
constexpr int MaxReconnectDelayMs = 30000;
} // namespace

AdminClient::AdminClient(QObject *parent)
    : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &AdminClient::open);
    connect(&m_socket, &QWebSocket::connected, this, &AdminClient::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &AdminClient::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &AdminClient::onFrame);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(&m_socket, &QWebSocket::errorOccurred, this,
            [this] { m_lastError = m_socket.errorString(); });
#else
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this] { m_lastError = m_socket.errorString(); });
#endif
}

AdminClient::~AdminClient()
{
    // Closing the socket emits signals; none may reach the half-destroyed client.
    m_socket.disconnect(this);
}

void AdminClient::connectTo(const QUrl &url, const QString &token)
{
    m_url = url;
    m_token = token;
    m_wanted = true;
    m_reconnectDelayMs = 0;
    m_reconnectTimer.stop();
    if (m_socket.state() != QAbstractSocket::UnconnectedState) {
        // Replacing the connection is no loss of it: nothing may report one.
        const QSignalBlocker quiet(m_socket);
        m_socket.abort();
    }
    open();
}

void AdminClient::disconnectFromServer()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_socket.close();
    setState(State::Disconnected);
}

void AdminClient::open()
{
    m_lastError.clear();
    setState(State::Connecting);
    m_socket.open(m_url);
}

void AdminClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void AdminClient::onConnected()
{
    send(admin::frame(admin::type::Hello, {{QStringLiteral("token"), m_token}}));
}

void AdminClient::onDisconnected()
{
    // As a number: CloseCode lists the RFC's codes only, and a compiler may take a comparison of
    // it with an application's code (4xxx) for always false (clang does).
    if (int(m_socket.closeCode()) == admin::CloseUnauthorized) {
        m_wanted = false; // retrying with the same token cannot help
        setState(State::Refused);
        return;
    }
    if (!m_wanted) {
        setState(State::Disconnected);
        return;
    }
    m_lostConnection = m_state == State::Connected;
    // 1 s, 2 s, 4 s ... 30 s: a daemon restart is picked up without hammering it.
    m_reconnectDelayMs = m_reconnectDelayMs == 0
                             ? FirstReconnectDelayMs
                             : qMin(MaxReconnectDelayMs, m_reconnectDelayMs * 2);
    m_reconnectTimer.start(m_reconnectDelayMs);
    setState(State::WaitingToReconnect);
}

void AdminClient::onFrame(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(QLatin1String("type")).toString();
    const auto session = [&frame] {
        return admin::SessionInfo::fromJson(frame.value(QLatin1String("session")).toObject());
    };
    if (type == admin::type::Snapshot) {
        m_reconnectDelayMs = 0;
        setState(State::Connected);
        QList<admin::SessionInfo> sessions;
        for (const QJsonValue &value : frame.value(QLatin1String("sessions")).toArray())
            sessions.append(admin::SessionInfo::fromJson(value.toObject()));
        QList<qint64> online;
        for (const QJsonValue &value : frame.value(QLatin1String("online_users")).toArray())
            online.append(value.toInteger());
        emit snapshotReceived(
            sessions, online,
            admin::Counters::fromJson(frame.value(QLatin1String("counters")).toObject()));
    } else if (type == admin::type::SessionOpened) {
        emit sessionOpened(session());
    } else if (type == admin::type::SessionUpdated) {
        emit sessionUpdated(session());
    } else if (type == admin::type::SessionClosed) {
        emit sessionClosed(quint64(frame.value(QLatin1String("session_id")).toInteger()));
    } else if (type == admin::type::Presence) {
        emit presenceChanged(frame.value(QLatin1String("user_id")).toInteger(),
                             frame.value(QLatin1String("online")).toBool());
    } else if (type == admin::type::Delivered) {
        emit packetDelivered(frame.value(QLatin1String("user_id")).toInteger(),
                             frame.value(QLatin1String("sockets")).toInt(),
                             frame.value(QLatin1String("packet")).toObject());
    } else if (type == admin::type::Counters) {
        emit countersChanged(
            admin::Counters::fromJson(frame.value(QLatin1String("counters")).toObject()));
    } else if (type == admin::type::Result) {
        emit commandFinished(frame.value(QLatin1String("id")).toString(),
                             frame.value(QLatin1String("ok")).toBool(),
                             frame.value(QLatin1String("error")).toString(),
                             frame.value(QLatin1String("sockets")).toInt(-1));
    }
}

void AdminClient::sendPacket(const QString &id, qint64 userId, const QJsonObject &packet)
{
    send(admin::frame(admin::type::SendPacket, {{QStringLiteral("id"), id},
                                                {QStringLiteral("user_id"), userId},
                                                {QStringLiteral("packet"), packet}}));
}

void AdminClient::closeSession(const QString &id, quint64 sessionId)
{
    send(admin::frame(
        admin::type::CloseSession,
        {{QStringLiteral("id"), id}, {QStringLiteral("session_id"), qint64(sessionId)}}));
}

void AdminClient::send(const QJsonObject &frame)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

} // namespace harajchat::console
