#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>
#include <functional>

namespace harajchat {

// What the registry needs of a connected socket: who it is, and a way to hand it a packet.
class PacketSink
{
public:
    virtual ~PacketSink() = default;
    virtual void sendPacket(const QByteArray &json) = 0;
};

// Who is online, and which sockets listen to whose presence (docs/protocol.md "Presence"; the
// customer's semantics.md). A user is online while at least one authenticated socket of theirs is
// open. Each change reaches every socket listening to that user exactly once.
//
// Alone, the registry sees every socket and decides itself. Clustered (server/cluster/), it
// reports this node's own changes (localUserChanged) and announces what the cluster decides
// (applyClusterPresence), since a user's sockets may sit on several nodes.
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

    // On any node.
    bool isOnline(qint64 userId) const;
    bool hasLocalSessions(qint64 userId) const { return m_sessionsByUser.contains(userId); }
    QList<PacketSink *> sessionsOf(qint64 userId) const;
    // Sends one serialized packet to every socket of a user, on every node.
    void sendToUser(qint64 userId, const QByteArray &json);
    // Sends it to the user's sockets on this node only.
    void sendToLocalSessions(qint64 userId, const QByteArray &json);

    // Users with a socket on this node.
    int onlineUserCount() const { return int(m_sessionsByUser.size()); }
    QList<qint64> onlineUsers() const { return m_sessionsByUser.keys(); }

    // Cluster mode: `sendElsewhere` carries sendToUser's packets to the other nodes.
    void setClustered(std::function<void(qint64 userId, const QByteArray &json)> sendElsewhere);
    bool isClustered() const { return bool(m_sendElsewhere); }
    // The cluster's verdict on a user; announced to listeners when it changes.
    void applyClusterPresence(qint64 userId, bool online);
    // The whole verdict at once (joining the cluster, or after losing touch with it).
    void resetClusterPresence(const QSet<qint64> &online);

signals:
    // Presence changes as listeners hear them.
    void userOnline(qint64 userId);
    void userOffline(qint64 userId);
    // Cluster mode: the user's first socket on this node opened, or their last one here closed.
    void localUserChanged(qint64 userId, bool hasSessions);
    // A packet went to `sockets` sockets: those of `userId`, or (userId 0) a presence fan-out.
    void delivered(qint64 userId, int sockets, const QByteArray &json);

private:
    void announce(qint64 userId, bool online);
    void localChange(qint64 userId, bool hasSessions);

    QHash<qint64, QSet<PacketSink *>> m_sessionsByUser;
    QHash<qint64, QSet<PacketSink *>> m_listenersByPeer;
    QHash<PacketSink *, QSet<qint64>> m_peersBySink;
    std::function<void(qint64, const QByteArray &)> m_sendElsewhere; // set when clustered
    QSet<qint64> m_clusterOnline;
};

} // namespace harajchat
