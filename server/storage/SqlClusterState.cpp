// SqlStorage's cluster tables (migration 4): node heartbeats, which node holds which user's
// sockets, and the events nodes send each other through NOTIFY.
#include "storage/SqlStorage.h"

#include <QDateTime>
#include <QUuid>
#include <algorithm>

namespace harajchat {

namespace {
// Stored events are read within moments; older ones are garbage.
constexpr qint64 StoredEventLifetimeMs = 10 * 60 * 1000;
// Advisory-lock keys: users use their (positive) id, the schema lock a negative key.
constexpr qint64 PresenceLockBase = 0;
} // namespace

void SqlStorage::lockKey(qint64 key)
{
    if (m_isSqlite)
        return;
    run(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {key}).finish();
}

bool SqlStorage::heartbeat(const QString &nodeId, qint64 nowMs)
{
    if (run(QStringLiteral("UPDATE cluster_nodes SET heartbeat_at = ? WHERE node_id = ?"),
            {nowMs, nodeId})
            .numRowsAffected() > 0)
        return true;
    run(QStringLiteral("INSERT INTO cluster_nodes (node_id, started_at, heartbeat_at)"
                       " VALUES (?, ?, ?)"),
        {nodeId, nowMs, nowMs});
    return false;
}

// Reaping runs inside a batch that may already hold topic rows, so on PostgreSQL it takes only
// rows nobody holds (SKIP LOCKED): a row held is a node in the middle of a transaction, alive or
// not, and waiting for it could deadlock with it. What is skipped is reaped at a later heartbeat.
QVector<qint64> SqlStorage::removeOrphanSessions()
{
    const QString orphans = QStringLiteral("node_id NOT IN (SELECT node_id FROM cluster_nodes)");
    const QVector<qint64> users = sortedIdsOf(run(
        m_isSqlite
            ? QStringLiteral("DELETE FROM cluster_sessions WHERE %1 RETURNING user_id").arg(orphans)
            : QStringLiteral("DELETE FROM cluster_sessions WHERE (node_id, user_id) IN"
                             " (SELECT node_id, user_id FROM cluster_sessions WHERE %1"
                             " FOR UPDATE SKIP LOCKED) RETURNING user_id")
                  .arg(orphans)));
    QVector<qint64> gone;
    for (const qint64 userId : users) { // ascending: advisory locks in one order everywhere
        lockKey(PresenceLockBase + userId);
        if (!userOnAnyNode(userId) && (gone.isEmpty() || gone.last() != userId))
            gone.append(userId);
    }
    return gone;
}

QVector<qint64> SqlStorage::reapNodes(qint64 cutoffMs)
{
    const bool reaped =
        run(m_isSqlite ? QStringLiteral("DELETE FROM cluster_nodes WHERE heartbeat_at < ?")
                       : QStringLiteral("DELETE FROM cluster_nodes WHERE node_id IN"
                                        " (SELECT node_id FROM cluster_nodes WHERE heartbeat_at < ?"
                                        " FOR UPDATE SKIP LOCKED)"),
            {cutoffMs})
            .numRowsAffected() > 0;
    run(QStringLiteral("DELETE FROM cluster_events WHERE created_at < ?"),
        {cutoffMs - StoredEventLifetimeMs});
    if (reaped) // the pushes it was sending are due again, for the nodes still here
        releaseOrphanLeases(QDateTime::currentMSecsSinceEpoch());
    return removeOrphanSessions();
}

QVector<qint64> SqlStorage::leaveCluster(const QString &nodeId)
{
    run(QStringLiteral("DELETE FROM cluster_nodes WHERE node_id = ?"), {nodeId});
    releaseOrphanLeases(QDateTime::currentMSecsSinceEpoch());
    return removeOrphanSessions();
}

bool SqlStorage::userOnAnyNode(qint64 userId)
{
    QSqlQuery &query =
        run(QStringLiteral("SELECT 1 FROM cluster_sessions WHERE user_id = ? LIMIT 1"), {userId});
    const bool online = query.next();
    query.finish();
    return online;
}

bool SqlStorage::addNodeSession(const QString &nodeId, qint64 userId)
{
    lockKey(PresenceLockBase + userId);
    const bool wasOffline = !userOnAnyNode(userId);
    run(QStringLiteral("INSERT INTO cluster_sessions (node_id, user_id) VALUES (?, ?)"
                       " ON CONFLICT DO NOTHING"),
        {nodeId, userId});
    return wasOffline;
}

bool SqlStorage::removeNodeSession(const QString &nodeId, qint64 userId)
{
    lockKey(PresenceLockBase + userId);
    const bool removed =
        run(QStringLiteral("DELETE FROM cluster_sessions WHERE node_id = ? AND user_id = ?"),
            {nodeId, userId})
            .numRowsAffected() > 0;
    return removed && !userOnAnyNode(userId);
}

bool SqlStorage::hasSessionsElsewhere(const QString &nodeId, qint64 userId)
{
    if (m_sends && m_sends->isPrepared()) { // a recipient the batch declared: read at its start
        const auto nodes = m_sends->sessionNodes.constFind(userId);
        if (nodes != m_sends->sessionNodes.cend())
            return std::any_of(nodes->cbegin(), nodes->cend(),
                               [&nodeId](const QString &node) { return node != nodeId; });
    }
    QSqlQuery &query = run(QStringLiteral("SELECT 1 FROM cluster_sessions WHERE user_id = ?"
                                          " AND node_id <> ? LIMIT 1"),
                           {userId, nodeId});
    const bool elsewhere = query.next();
    query.finish();
    return elsewhere;
}

QVector<QPair<qint64, bool>> SqlStorage::syncNodeSessions(const QString &nodeId,
                                                          const QVector<qint64> &usersHere)
{
    const QVector<qint64> recorded = sortedIdsOf(
        run(QStringLiteral("SELECT user_id FROM cluster_sessions WHERE node_id = ?"), {nodeId}));
    QVector<qint64> wanted = usersHere;
    std::sort(wanted.begin(), wanted.end());
    QVector<qint64> added;
    QVector<qint64> removed;
    std::set_difference(wanted.cbegin(), wanted.cend(), recorded.cbegin(), recorded.cend(),
                        std::back_inserter(added));
    std::set_difference(recorded.cbegin(), recorded.cend(), wanted.cbegin(), wanted.cend(),
                        std::back_inserter(removed));
    QVector<qint64> touched = added + removed;
    std::sort(touched.begin(), touched.end()); // advisory locks in one order everywhere
    QVector<QPair<qint64, bool>> changes;
    for (const qint64 userId : std::as_const(touched)) {
        const bool adding = std::binary_search(added.cbegin(), added.cend(), userId);
        if (adding ? addNodeSession(nodeId, userId) : removeNodeSession(nodeId, userId))
            changes.append({userId, adding});
    }
    return changes;
}

QVector<StoredMessage> SqlStorage::messagesTo(const QVector<qint64> &recipients, qint64 seqIdFrom)
{
    if (recipients.isEmpty())
        return {};
    QStringList ids;
    for (const qint64 id : recipients)
        ids.append(QString::number(id));
    // The recipients' topics by their member indexes, then each topic's newest messages by its key.
    const bool sqlite = m_isSqlite;
    const QString userSet = sqlite ? QStringLiteral("(SELECT value FROM json_each(?))")
                                   : QStringLiteral("(SELECT unnest(?::bigint[]))");
    const QString list = sqlite ? QLatin1Char('[') + ids.join(QLatin1Char(',')) + QLatin1Char(']')
                                : QLatin1Char('{') + ids.join(QLatin1Char(',')) + QLatin1Char('}');
    return messagesFrom(
        QStringLiteral("topics t JOIN messages m ON m.topic_id = t.topic_id AND m.seq_id >= ?"
                       " JOIN users u ON u.id = m.from_id"
                       " WHERE (t.user_a IN %1 AND m.from_id = t.user_b)"
                       " OR (t.user_b IN %1 AND m.from_id = t.user_a)"
                       " ORDER BY m.topic_id, m.seq_id")
            .arg(userSet),
        {seqIdFrom, list, list});
}

QVector<qint64> SqlStorage::usersOnline()
{
    return sortedIdsOf(run(QStringLiteral("SELECT DISTINCT user_id FROM cluster_sessions")));
}

void SqlStorage::publish(const QByteArray &event)
{
    if (m_isSqlite)
        return;      // one node: nobody to tell
    if (m_inBatch) { // it leaves with the batch's other events, at the commit
        m_sends->stageEvent(event);
        return;
    }
    run(QStringLiteral("SELECT pg_notify(?, ?)"),
        {eventChannel(),
         QString::fromUtf8(event.size() > MaxNotifyBytes ? storeLargeEvent(event) : event)})
        .finish();
}

QByteArray SqlStorage::storeLargeEvent(const QByteArray &event)
{
    const QString eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    run(QStringLiteral("INSERT INTO cluster_events (event_id, body, created_at) VALUES (?, ?, ?)"),
        {eventId, QString::fromUtf8(event), QDateTime::currentMSecsSinceEpoch()});
    return "R " + eventId.toLatin1(); // cluster/ClusterEvents.h reads it
}

QByteArray SqlStorage::storedEvent(const QString &eventId)
{
    QSqlQuery &query =
        run(QStringLiteral("SELECT body FROM cluster_events WHERE event_id = ?"), {eventId});
    const QByteArray body = query.next() ? query.value(0).toString().toUtf8() : QByteArray();
    query.finish();
    return body;
}

} // namespace harajchat
