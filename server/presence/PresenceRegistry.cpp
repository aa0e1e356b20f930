#include "presence/PresenceRegistry.h"

#include "app/Logging.h"
#include "protocol/Envelope.h"
#include "protocol/Packets.h"

namespace harajchat {

void PresenceRegistry::addSession(qint64 userId, PacketSink *sink)
{
    QSet<PacketSink *> &sessions = m_sessionsByUser[userId];
    const bool wasOffline = sessions.isEmpty();
    sessions.insert(sink);
    if (wasOffline)
        localChange(userId, true);
}

void PresenceRegistry::localChange(qint64 userId, bool hasSessions)
{
    if (m_sendElsewhere)
        emit localUserChanged(userId, hasSessions);
    else
        announce(userId, hasSessions);
}

void PresenceRegistry::removeSession(qint64 userId, PacketSink *sink)
{
    for (const qint64 peerId : m_peersBySink.take(sink)) {
        auto listeners = m_listenersByPeer.find(peerId);
        if (listeners != m_listenersByPeer.end() && listeners->remove(sink) && listeners->isEmpty())
            m_listenersByPeer.erase(listeners);
    }
    auto sessions = m_sessionsByUser.find(userId);
    if (sessions == m_sessionsByUser.end() || !sessions->remove(sink))
        return;
    if (sessions->isEmpty()) {
        m_sessionsByUser.erase(sessions);
        localChange(userId, false);
    }
}

void PresenceRegistry::listen(PacketSink *sink, qint64 peerId)
{
    m_listenersByPeer[peerId].insert(sink);
    m_peersBySink[sink].insert(peerId);
}

void PresenceRegistry::unlisten(PacketSink *sink, qint64 peerId)
{
    auto listeners = m_listenersByPeer.find(peerId);
    if (listeners != m_listenersByPeer.end() && listeners->remove(sink) && listeners->isEmpty())
        m_listenersByPeer.erase(listeners);
    auto peers = m_peersBySink.find(sink);
    if (peers != m_peersBySink.end() && peers->remove(peerId) && peers->isEmpty())
        m_peersBySink.erase(peers);
}

bool PresenceRegistry::isListening(PacketSink *sink, qint64 peerId) const
{
    return m_peersBySink.value(sink).contains(peerId);
}

bool PresenceRegistry::isOnline(qint64 userId) const
{
    return m_sessionsByUser.contains(userId) || m_clusterOnline.contains(userId);
}

QList<PacketSink *> PresenceRegistry::sessionsOf(qint64 userId) const
{
    return m_sessionsByUser.value(userId).values();
}

void PresenceRegistry::sendToUser(qint64 userId, const QByteArray &json)
{
    sendToLocalSessions(userId, json);
    if (m_sendElsewhere)
        m_sendElsewhere(userId, json);
}

void PresenceRegistry::sendToLocalSessions(qint64 userId, const QByteArray &json)
{
    const QSet<PacketSink *> sessions = m_sessionsByUser.value(userId);
    for (PacketSink *sink : sessions)
        sink->sendPacket(json);
    emit delivered(userId, int(sessions.size()), json);
}

void PresenceRegistry::announce(qint64 userId, bool online)
{
    qCDebug(lcPresence) << "user" << userId << (online ? "online" : "offline");
    const auto listeners = m_listenersByPeer.value(userId);
    if (!listeners.isEmpty()) {
        const QByteArray packet = protocol::toCompactJson(protocol::presencePacket(
            online ? protocol::PresenceKind::Online : protocol::PresenceKind::Offline, userId));
        for (PacketSink *sink : listeners)
            sink->sendPacket(packet);
        emit delivered(0, int(listeners.size()), packet);
    }
    if (online)
        emit userOnline(userId);
    else
        emit userOffline(userId);
}

void PresenceRegistry::setClustered(
    std::function<void(qint64 userId, const QByteArray &json)> sendElsewhere)
{
    m_sendElsewhere = std::move(sendElsewhere);
}

void PresenceRegistry::applyClusterPresence(qint64 userId, bool online)
{
    const bool changed =
        online ? !m_clusterOnline.contains(userId) : m_clusterOnline.remove(userId);
    if (!changed)
        return; // nodes may report a change this node already heard
    if (online)
        m_clusterOnline.insert(userId);
    announce(userId, online);
}

void PresenceRegistry::resetClusterPresence(const QSet<qint64> &online)
{
    QList<qint64> gone;
    for (const qint64 userId : std::as_const(m_clusterOnline)) {
        if (!online.contains(userId))
            gone.append(userId);
    }
    for (const qint64 userId : gone)
        applyClusterPresence(userId, false);
    for (const qint64 userId : online)
        applyClusterPresence(userId, true);
}

} // namespace harajchat
