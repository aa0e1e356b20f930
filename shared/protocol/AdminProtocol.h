#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// The admin socket's protocol (docs/admin-protocol.md), shared by the daemon and the console.
namespace harajchat::admin {

// Frame "type" values.
namespace type {
inline const QString Hello = QStringLiteral("hello");
inline const QString Snapshot = QStringLiteral("snapshot");
inline const QString SessionOpened = QStringLiteral("session_opened");
inline const QString SessionUpdated = QStringLiteral("session_updated");
inline const QString SessionClosed = QStringLiteral("session_closed");
inline const QString Presence = QStringLiteral("presence");
inline const QString Delivered = QStringLiteral("delivered");
inline const QString Counters = QStringLiteral("counters");
inline const QString SendPacket = QStringLiteral("send_packet");
inline const QString CloseSession = QStringLiteral("close_session");
inline const QString Result = QStringLiteral("result");
} // namespace type

// Close code for a console that did not present the admin token.
constexpr quint16 CloseUnauthorized = 4401;
// Close code a client socket gets when an operator closes its session.
constexpr quint16 CloseByOperator = 4000;

// One client socket of /chat/ws as the console sees it.
struct SessionInfo
{
    quint64 sessionId = 0;
    qint64 userId = 0; // 0 until authenticated
    QString name;
    QString remote; // address:port
    qint64 connectedAtMs = 0;
    QList<qint64> listening; // peers whose presence this socket listens to

    QJsonObject toJson() const;
    static SessionInfo fromJson(const QJsonObject &json);
};

struct Counters
{
    int sockets = 0;
    int authenticatedSockets = 0;
    int usersOnline = 0;
    double messagesPerSecond = 0;
    QJsonObject
        push; // queued, sent, retried, failed, dropped, tokens_deleted; empty when push is off

    QJsonObject toJson() const;
    static Counters fromJson(const QJsonObject &json);
};

// Why a packet is not a server packet of the contract. `text` is English, marked for the
// console's translations in the context "harajchat::admin", with %1 for `key` when it has one.
struct PacketProblem
{
    const char *text;
    QString key;

    QString describe(const QString &translatedText) const;
};
std::optional<PacketProblem> serverPacketProblem(const QJsonObject &packet);

// True for exactly the server packets of the contract: {"message": {...}}, {"reads": {...}} and
// {"pres": {"what": online|offline|typing|stop_typing, ...}}. The console checks before sending,
// the daemon again before delivering.
bool isServerPacket(const QJsonObject &packet, QString *why = nullptr);

QJsonObject frame(const QString &type, const QJsonObject &fields = {});

} // namespace harajchat::admin
