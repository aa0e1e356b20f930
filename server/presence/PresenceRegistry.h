#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>

namespace harajchat {

// What the registry needs of a connected socket: who it is, and a way to hand it a packet.
class PacketSink
{
public:
    virtual ~PacketSink() = default;
    virtual void sendPacket(const QByteArray &json) = 0;
};

// Who is online on this node, and which sockets listen to whose presence (spec/semantics.md).
// A user is online while at least one authenticated socket of theirs is registered. Each change
// reaches every socket listening to that user exactly once.
class PresenceRegistry : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void addSession(qint64 userId, PacketSink *sink);
    // Also drops everything the socket listened to.
    void removeSession(qint64 userId, PacketSink *sink);

    void listen(PacketSink *sink, qint64 peerId);
    void unlisten(PacketSink *sink, qint64 peerId);
    bool isListening(PacketSink *sink, qint64 peerId) const;
    QSet<qint64> peersOf(PacketSink *sink) const { return m_peersBySink.value(sink); }

    bool isOnline(qint64 userId) const;
    QList<PacketSink *> sessionsOf(qint64 userId) const;
    // Sends one serialized packet to every socket of a user.
    void sendToUser(qint64 userId, const QByteArray &json);

    int onlineUserCount() const { return int(m_sessionsByUser.size()); }
    QList<qint64> onlineUsers() const { return m_sessionsByUser.keys(); }

signals:
    void userOnline(qint64 userId);
    void userOffline(qint64 userId);
    // A packet went to `sockets` sockets: those of `userId`, or (userId 0) a presence fan-out.
    void delivered(qint64 userId, int sockets, const QByteArray &json);

private:
    void announce(qint64 userId, bool online);

    QHash<qint64, QSet<PacketSink *>> m_sessionsByUser;
    QHash<qint64, QSet<PacketSink *>> m_listenersByPeer;
    QHash<PacketSink *, QSet<qint64>> m_peersBySink;
};

} // namespace harajchat
