#pragma once

#include "cluster/ClusterEvents.h"
#include "cluster/ClusterSettings.h"
#include "storage/SqlStorage.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <deque>
#include <memory>

namespace harajchat {

class NotificationListener;
class PresenceRegistry;
class StorageQueue;

// This daemon as one node of several sharing a PostgreSQL database (docs/deployment.md). It
// records which users hold sockets here, turns the cluster's events into presence announcements
// and packets for local sockets, heartbeats, and forgets nodes that stopped heartbeating.
class ClusterNode : public QObject
{
    Q_OBJECT
public:
    ClusterNode(StorageQueue &storage, PresenceRegistry &presence,
                const StorageSettings &storageSettings, const ClusterSettings &settings,
                QObject *parent = nullptr);
    ~ClusterNode() override;

    // Joins: listens to events, registers the node, loads who is online. Blocks until done.
    bool start(QString *error);
    // Leaves cleanly: this node's users go offline where no other node holds them. Blocks.
    void leave();

    const QString &nodeId() const { return m_nodeId; }
    // Whether a message packet (messageKey()) reached this node's sockets through the cluster in
    // the last moments (long enough to cover a replay after a cut, see `missedSince`).
    bool deliveredRecently(const QByteArray &messageKey) const;

signals:
    // This node's notifications were cut and are back: packets published meanwhile did not reach
    // its sockets. Messages from about `sinceMs` on are to be delivered again (those not
    // delivered).
    void missedSince(qint64 sinceMs);

private:
    void beat();
    void registerUser(qint64 userId, bool hasSessions);
    // Makes the node's recorded sessions those it holds, after records failed.
    void syncSessions();
    void recoverFromCut(qint64 missedSinceMs);
    void noteDelivered(const QByteArray &messageKey);
    void sendElsewhere(qint64 userId, const QByteArray &packet);
    void resync();
    void enqueueEvents(const QByteArray &payload);
    void drainInbox();
    void dispatch(const ClusterEvent &event);

    StorageQueue &m_storage;
    PresenceRegistry &m_presence;
    StorageSettings m_storageSettings;
    ClusterSettings m_settings;
    QString m_nodeId;
    std::unique_ptr<NotificationListener> m_listener;
    QTimer m_heartbeat;
    // Events in arrival order; a reference is read back before anything after it is handled.
    std::deque<ClusterEvent> m_inbox;
    bool m_fetching = false;
    bool m_beating = false;
    bool m_sessionsDirty = false; // a session record failed: sync at the next heartbeat
    bool m_syncing = false;
    // Message packets delivered through the cluster lately, oldest first (steady clock, ms).
    std::deque<std::pair<qint64, QByteArray>> m_recentlyDelivered;
    QSet<QByteArray> m_recentKeys;
    QElapsedTimer m_clock; // started in the constructor
};

} // namespace harajchat
