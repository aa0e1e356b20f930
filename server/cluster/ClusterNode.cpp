#include "cluster/ClusterNode.h"

#include "app/Logging.h"
#include "cluster/NotificationListener.h"
#include "presence/PresenceRegistry.h"
#include "storage/StorageQueue.h"

#include <QDateTime>
#include <QSet>
#include <QUuid>

namespace harajchat {

namespace {
// A message committed on another node carries a seq_id from that node's clock, a little before its
// commit: a replay after a cut starts this much before the cut, and what was delivered before it
// is remembered for as long again.
constexpr qint64 ReplayMarginMs = 5000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Users left with no socket anywhere go offline on every node.
void publishOffline(Storage &storage, const QVector<qint64> &users)
{
    for (const qint64 userId : users)
        storage.publish(presenceEvent(userId, false));
}
} // namespace

ClusterNode::ClusterNode(StorageQueue &storage, PresenceRegistry &presence,
                         const StorageSettings &storageSettings, const ClusterSettings &settings,
                         QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_presence(presence)
    , m_storageSettings(storageSettings)
    , m_settings(settings)
    , m_nodeId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_clock.start();
    connect(&m_heartbeat, &QTimer::timeout, this, &ClusterNode::beat);
}

ClusterNode::~ClusterNode()
{
    // The listener's thread may still deliver queued events: they must not reach a dead node.
    if (m_listener)
        disconnect(m_listener.get(), nullptr, this, nullptr);
    m_presence.setClustered(nullptr);
}

bool ClusterNode::start(QString *error)
{
    StorageSettings listening = m_storageSettings;
    listening.applicationName = QStringLiteral("harajchatd listener %1").arg(m_nodeId);
    m_listener = std::make_unique<NotificationListener>(listening, m_settings.heartbeatIntervalMs);
    connect(m_listener.get(), &NotificationListener::eventReceived, this,
            &ClusterNode::enqueueEvents);
    connect(m_listener.get(), &NotificationListener::reconnected, this,
            &ClusterNode::recoverFromCut);
    if (!m_listener->start(error))
        return false;

    const QString nodeId = m_nodeId;
    const auto joined = m_storage.call<QVector<qint64>>([nodeId](Storage &storage) {
        storage.heartbeat(nodeId, nowMs());
        return storage.usersOnline();
    });
    if (!joined.ok) {
        *error = QStringLiteral("cannot join the cluster (see the storage log)");
        return false;
    }
    m_presence.resetClusterPresence(QSet<qint64>(joined.value.begin(), joined.value.end()));
    m_presence.setClustered(
        [this](qint64 userId, const QByteArray &packet) { sendElsewhere(userId, packet); });
    connect(&m_presence, &PresenceRegistry::localUserChanged, this, &ClusterNode::registerUser);
    m_heartbeat.start(int(m_settings.heartbeatIntervalMs));
    qCInfo(lcCluster) << "joined the cluster as node" << m_nodeId << "with" << joined.value.size()
                      << "users online";
    return true;
}

void ClusterNode::leave()
{
    m_heartbeat.stop();
    const QString nodeId = m_nodeId;
    m_storage.call<bool>([nodeId](Storage &storage) {
        publishOffline(storage, storage.leaveCluster(nodeId));
        return true;
    });
    qCInfo(lcCluster) << "left the cluster";
}

void ClusterNode::beat()
{
    if (m_beating)
        return; // the storage is slow; one heartbeat in flight is enough
    m_beating = true;
    const QString nodeId = m_nodeId;
    // A node dies at most a heartbeat after its last one, and is noticed at the first heartbeat
    // here after the cutoff: silent for node_timeout less a heartbeat is noticed within
    // node_timeout of its death.
    const qint64 cutoff = nowMs() - (m_settings.nodeTimeoutMs - m_settings.heartbeatIntervalMs);
    m_storage.submit<bool>(
        this,
        [nodeId, cutoff](Storage &storage) {
            const bool known = storage.heartbeat(nodeId, nowMs());
            publishOffline(storage, storage.reapNodes(cutoff));
            return known;
        },
        [this](StorageResult<bool> result) {
            m_beating = false;
            if (result.ok && !result.value) {
                // Presumed dead by the others (a cut connection): tell them who is here again.
                qCWarning(lcCluster) << "this node had been presumed dead; registering again";
                m_sessionsDirty = true;
            }
            if (result.ok && m_sessionsDirty)
                syncSessions();
        });
}

void ClusterNode::syncSessions()
{
    if (m_syncing)
        return;
    m_syncing = true;
    const QString nodeId = m_nodeId;
    const QList<qint64> here = m_presence.onlineUsers();
    m_storage.submit<bool>(
        this,
        [nodeId, usersHere = QVector<qint64>(here.begin(), here.end())](Storage &storage) {
            for (const auto &[userId, online] : storage.syncNodeSessions(nodeId, usersHere))
                storage.publish(presenceEvent(userId, online));
            return true;
        },
        [this](StorageResult<bool> result) {
            m_syncing = false;
            if (!result.ok)
                return; // still dirty: the next heartbeat tries again
            m_sessionsDirty = false;
            qCInfo(lcCluster) << "this node's sessions are recorded again";
        });
}

void ClusterNode::recoverFromCut(qint64 missedSinceMs)
{
    // Session records may have failed meanwhile, and presence verdicts and packets were missed.
    m_sessionsDirty = true;
    syncSessions();
    resync();
    emit missedSince(missedSinceMs - m_settings.heartbeatIntervalMs - ReplayMarginMs);
}

bool ClusterNode::deliveredRecently(const QByteArray &messageKey) const
{
    return m_recentKeys.contains(messageKey);
}

void ClusterNode::noteDelivered(const QByteArray &messageKey)
{
    const qint64 now = m_clock.elapsed();
    const qint64 window = 2 * m_settings.heartbeatIntervalMs + 2 * ReplayMarginMs;
    while (!m_recentlyDelivered.empty() && now - m_recentlyDelivered.front().first > window) {
        m_recentKeys.remove(m_recentlyDelivered.front().second);
        m_recentlyDelivered.pop_front();
    }
    m_recentlyDelivered.emplace_back(now, messageKey);
    m_recentKeys.insert(messageKey);
}

void ClusterNode::registerUser(qint64 userId, bool hasSessions)
{
    const QString nodeId = m_nodeId;
    m_storage.submit<bool>(
        this,
        [nodeId, userId, hasSessions](Storage &storage) {
            const bool changed = hasSessions ? storage.addNodeSession(nodeId, userId)
                                             : storage.removeNodeSession(nodeId, userId);
            if (changed)
                storage.publish(presenceEvent(userId, hasSessions));
            return changed;
        },
        [this, userId](StorageResult<bool> result) {
            if (result.ok)
                return;
            qCWarning(lcCluster) << "could not record the presence of user" << userId
                                 << "(the next heartbeat records this node's sessions again)";
            m_sessionsDirty = true;
        });
}

void ClusterNode::sendElsewhere(qint64 userId, const QByteArray &packet)
{
    const QString nodeId = m_nodeId;
    m_storage.submit<bool>(
        this,
        [nodeId, userId, packet](Storage &storage) {
            return publishToOtherNodes(storage, nodeId, userId, packet);
        },
        [](StorageResult<bool>) {});
}

void ClusterNode::resync()
{
    // Events may have been missed while the connection was down: reload the whole verdict.
    m_storage.submit<QVector<qint64>>(
        this, [](Storage &storage) { return storage.usersOnline(); },
        [this](StorageResult<QVector<qint64>> result) {
            if (result.ok)
                m_presence.resetClusterPresence(
                    QSet<qint64>(result.value.begin(), result.value.end()));
        });
}

// A notification carries a batch's events, a line each, in commit order.
void ClusterNode::enqueueEvents(const QByteArray &payload)
{
    for (qsizetype start = 0; start < payload.size();) {
        qsizetype end = payload.indexOf('\n', start);
        if (end < 0)
            end = payload.size();
        const QByteArray line = payload.sliced(start, end - start);
        start = end + 1;
        if (std::optional<ClusterEvent> event = parseClusterEvent(line))
            m_inbox.push_back(std::move(*event));
        else
            qCWarning(lcCluster) << "ignoring a malformed cluster event:" << line.left(200);
    }
    drainInbox();
}

void ClusterNode::drainInbox()
{
    while (!m_inbox.empty() && !m_fetching) {
        if (m_inbox.front().kind != ClusterEvent::Reference) {
            const ClusterEvent event = m_inbox.front();
            m_inbox.pop_front();
            dispatch(event);
            continue;
        }
        m_fetching = true;
        const QString eventId = m_inbox.front().eventId;
        m_storage.submit<QByteArray>(
            this, [eventId](Storage &storage) { return storage.storedEvent(eventId); },
            [this](StorageResult<QByteArray> result) {
                m_fetching = false;
                m_inbox.pop_front();
                const auto event = result.ok ? parseClusterEvent(result.value) : std::nullopt;
                if (event && event->kind != ClusterEvent::Reference)
                    m_inbox.push_front(*event);
                else
                    qCWarning(lcCluster) << "a stored cluster event could not be read";
                drainInbox();
            });
    }
}

void ClusterNode::dispatch(const ClusterEvent &event)
{
    switch (event.kind) {
    case ClusterEvent::Presence:
        m_presence.applyClusterPresence(event.userId, event.online);
        break;
    case ClusterEvent::Deliver:
        if (event.exceptNode == m_nodeId)
            break;
        if (!event.messageKey.isEmpty() && m_presence.hasLocalSessions(event.userId))
            noteDelivered(event.messageKey);
        m_presence.sendToLocalSessions(event.userId, event.packet);
        break;
    case ClusterEvent::Reference:
        break; // resolved in drainInbox
    }
}

} // namespace harajchat
