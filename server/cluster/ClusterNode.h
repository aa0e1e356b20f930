#pragma once

#include "cluster/ClusterEvents.h"
#include "cluster/ClusterSettings.h"
#include "storage/SqlStorage.h"

#include <QObject>
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

private:
    void beat();
    void registerUser(qint64 userId, bool hasSessions);
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
};

} // namespace harajchat
