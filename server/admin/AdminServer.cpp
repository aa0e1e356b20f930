#include "admin/AdminServer.h"

#include "app/Logging.h"
#include "auth/Secrets.h"
#include "chat/ChatService.h"
#include "gateway/WsGateway.h"
#include "presence/PresenceRegistry.h"
#include "protocol/Envelope.h"
#include "protocol/Timestamp.h"
#include "push/PushService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace harajchat {

namespace {
// A console must present the token this fast, like a chat socket must authenticate.
constexpr int HelloTimeoutMs = 10000;
constexpr qint64 MaxAdminFrameBytes = 256 * 1024;

QJsonObject pushCountersJson(const PushService *push)
{
    if (!push)
        return {};
    const PushCounters c = push->counters();
    return {{QStringLiteral("queued"), c.queued},
            {QStringLiteral("sent"), c.sent},
            {QStringLiteral("retried"), c.retried},
            {QStringLiteral("failed"), c.failed},
            {QStringLiteral("dropped"), c.dropped},
            {QStringLiteral("tokens_deleted"), c.tokensDeleted},
            {QStringLiteral("in_flight"), c.inFlight}};
}

QJsonObject result(const QJsonValue &id, bool ok, const QString &error = {},
                   const QJsonObject &extra = {})
{
    QJsonObject fields = extra;
    fields.insert(QStringLiteral("id"), id);
    fields.insert(QStringLiteral("ok"), ok);
    if (!error.isEmpty())
        fields.insert(QStringLiteral("error"), error);
    return admin::frame(admin::type::Result, fields);
}

void sendFrame(QWebSocket *console, const QJsonObject &frame)
{
    console->sendTextMessage(QString::fromUtf8(protocol::toCompactJson(frame)));
}
} // namespace

AdminServer::AdminServer(const AdminSettings &settings, WsGateway &gateway,
                         PresenceRegistry &presence, ChatService &chat, const PushService *push,
                         QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_gateway(gateway)
    , m_presence(presence)
    , m_chat(chat)
    , m_push(push)
    , m_server(QStringLiteral("harajchatd-admin"), QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &AdminServer::acceptPending);
    connect(&m_gateway, &WsGateway::sessionOpened, this,
            [this](WsSession *session) { sessionEvent(admin::type::SessionOpened, session); });
    connect(&m_gateway, &WsGateway::sessionChanged, this,
            [this](WsSession *session) { sessionEvent(admin::type::SessionUpdated, session); });
    connect(&m_gateway, &WsGateway::sessionClosed, this, [this](quint64 sessionId) {
        broadcast(admin::frame(admin::type::SessionClosed,
                               {{QStringLiteral("session_id"), qint64(sessionId)}}));
    });
    auto presenceEvent = [this](qint64 userId, bool online) {
        broadcast(admin::frame(admin::type::Presence,
                               {{QStringLiteral("user_id"), userId},
                                {QStringLiteral("online"), online},
                                {QStringLiteral("ts"), protocol::currentTimestamp()}}));
    };
    connect(&m_presence, &PresenceRegistry::userOnline, this,
            [presenceEvent](qint64 userId) { presenceEvent(userId, true); });
    connect(&m_presence, &PresenceRegistry::userOffline, this,
            [presenceEvent](qint64 userId) { presenceEvent(userId, false); });
    connect(&m_presence, &PresenceRegistry::delivered, this,
            [this](qint64 userId, int sockets, const QByteArray &json) {
                if (m_consoles.isEmpty())
                    return; // parsing the packet is only worth it for someone watching
                broadcast(admin::frame(
                    admin::type::Delivered,
                    {{QStringLiteral("user_id"), userId},
                     {QStringLiteral("sockets"), sockets},
                     {QStringLiteral("packet"), QJsonDocument::fromJson(json).object()}}));
            });
    m_countersTimer.setInterval(int(settings.countersIntervalMs));
    connect(&m_countersTimer, &QTimer::timeout, this, &AdminServer::publishCounters);
}

AdminServer::~AdminServer()
{
    // Consoles go before the members their signal handlers use.
    for (QWebSocket *console : m_pending + m_consoles) {
        console->disconnect(this);
        delete console;
    }
}

bool AdminServer::listen(QString *error)
{
    if (m_settings.token.isEmpty() && !m_settings.address.isLoopback()) {
        *error = QStringLiteral("admin/listen %1 is not a loopback address: set admin/token")
                     .arg(m_settings.address.toString());
        return false;
    }
    if (!m_server.listen(m_settings.address, m_settings.port)) {
        *error = QStringLiteral("cannot listen for admin consoles on %1:%2: %3")
                     .arg(m_settings.address.toString())
                     .arg(m_settings.port)
                     .arg(m_server.errorString());
        return false;
    }
    m_rateClock.start();
    m_messagesAtLastTick = m_chat.messagesStored();
    m_countersTimer.start();
    qCInfo(lcAdmin).noquote() << QStringLiteral("admin socket on %1:%2%3")
                                     .arg(m_settings.address.toString())
                                     .arg(port())
                                     .arg(m_settings.token.isEmpty() ? QStringLiteral(" (no token)")
                                                                     : QString());
    return true;
}

void AdminServer::acceptPending()
{
    while (QWebSocket *console = m_server.nextPendingConnection()) {
        console->setParent(this);
        console->setMaxAllowedIncomingFrameSize(MaxAdminFrameBytes);
        console->setMaxAllowedIncomingMessageSize(MaxAdminFrameBytes);
        m_pending.insert(console);
        connect(console, &QWebSocket::textMessageReceived, this,
                [this, console](const QString &text) { onConsoleFrame(console, text); });
        connect(console, &QWebSocket::disconnected, this, [this, console] {
            m_pending.remove(console);
            m_consoles.remove(console);
            console->deleteLater();
        });
        QTimer::singleShot(HelloTimeoutMs, console, [this, console] {
            if (m_pending.contains(console))
                console->close(QWebSocketProtocol::CloseCode(admin::CloseUnauthorized),
                               QStringLiteral("no hello"));
        });
    }
}

void AdminServer::onConsoleFrame(QWebSocket *console, const QString &text)
{
    const QJsonObject command = QJsonDocument::fromJson(text.toUtf8()).object();
    if (!m_pending.contains(console)) {
        execute(console, command);
        return;
    }
    const QByteArray token = command.value(QLatin1String("token")).toString().toUtf8();
    if (command.value(QLatin1String("type")).toString() != admin::type::Hello ||
        !constantTimeEquals(token, m_settings.token)) {
        qCWarning(lcAdmin) << "admin console" << console->peerAddress().toString()
                           << "refused: wrong or missing token";
        console->close(QWebSocketProtocol::CloseCode(admin::CloseUnauthorized),
                       QStringLiteral("admin token required"));
        return;
    }
    m_pending.remove(console);
    m_consoles.insert(console);
    qCInfo(lcAdmin) << "admin console connected from" << console->peerAddress().toString();
    sendFrame(console, snapshot());
}

void AdminServer::execute(QWebSocket *console, const QJsonObject &command)
{
    const QString type = command.value(QLatin1String("type")).toString();
    const QJsonValue id = command.value(QLatin1String("id"));
    const QString who = console->peerAddress().toString();
    if (type == admin::type::SendPacket) {
        const QJsonObject packet = command.value(QLatin1String("packet")).toObject();
        const qint64 userId = command.value(QLatin1String("user_id")).toInteger();
        QString why;
        if (userId <= 0 || !admin::isServerPacket(packet, &why)) {
            sendFrame(
                console,
                result(id, false, userId <= 0 ? QStringLiteral("user_id must be a user id") : why));
            return;
        }
        const int sockets = int(m_presence.sessionsOf(userId).size());
        qCInfo(lcAdmin).noquote() << "operator" << who << "sent" << packet.begin().key()
                                  << "to user" << userId << "on" << sockets << "sockets";
        m_presence.sendToUser(userId, protocol::toCompactJson(packet));
        sendFrame(console, result(id, true, {}, {{QStringLiteral("sockets"), sockets}}));
    } else if (type == admin::type::CloseSession) {
        const quint64 sessionId = quint64(command.value(QLatin1String("session_id")).toInteger());
        const bool closed = m_gateway.closeSession(sessionId, admin::CloseByOperator,
                                                   QStringLiteral("closed by operator"));
        qCInfo(lcAdmin).noquote() << "operator" << who << "closed session" << sessionId
                                  << (closed ? "" : "(not open)");
        sendFrame(console,
                  result(id, closed, closed ? QString() : QStringLiteral("no such session")));
    } else {
        sendFrame(console, result(id, false, QStringLiteral("unknown command")));
    }
}

void AdminServer::broadcast(const QJsonObject &frame)
{
    if (m_consoles.isEmpty())
        return;
    const QString text = QString::fromUtf8(protocol::toCompactJson(frame));
    for (QWebSocket *console : std::as_const(m_consoles))
        console->sendTextMessage(text);
}

void AdminServer::sessionEvent(const QString &type, WsSession *session)
{
    if (!m_consoles.isEmpty())
        broadcast(admin::frame(type, {{QStringLiteral("session"), session->info().toJson()}}));
}

admin::Counters AdminServer::currentCounters(double messagesPerSecond) const
{
    const QList<WsSession *> sessions = m_gateway.sessions();
    const auto authenticated =
        std::count_if(sessions.begin(), sessions.end(),
                      [](WsSession *session) { return session->userId() != 0; });
    return {int(sessions.size()), int(authenticated), m_presence.onlineUserCount(),
            messagesPerSecond, pushCountersJson(m_push)};
}

void AdminServer::publishCounters()
{
    const qint64 stored = m_chat.messagesStored();
    const double seconds = double(qMax<qint64>(1, m_rateClock.restart())) / 1000.0;
    const double rate = double(stored - m_messagesAtLastTick) / seconds;
    m_messagesAtLastTick = stored;
    broadcast(admin::frame(admin::type::Counters,
                           {{QStringLiteral("counters"), currentCounters(rate).toJson()}}));
}

QJsonObject AdminServer::snapshot() const
{
    QJsonArray sessions;
    for (WsSession *session : m_gateway.sessions())
        sessions.append(session->info().toJson());
    QJsonArray online;
    for (const qint64 userId : m_presence.onlineUsers())
        online.append(userId);
    return admin::frame(
        admin::type::Snapshot,
        {{QStringLiteral("server"),
          QJsonObject{{QStringLiteral("version"), QCoreApplication::applicationVersion()},
                      {QStringLiteral("ts"), protocol::currentTimestamp()}}},
         {QStringLiteral("sessions"), sessions},
         {QStringLiteral("online_users"), online},
         {QStringLiteral("counters"), currentCounters(0).toJson()}});
}

} // namespace harajchat
