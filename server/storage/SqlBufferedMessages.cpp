// SqlStorage's message buffer (SQLite): sends go to the journal and MessageBuffer, and reach the
// messages and topics tables in bulks; reads merge the buffered messages in.
#include "app/Logging.h"
#include "storage/SqlStorage.h"

#include <QDateTime>
#include <algorithm>

namespace harajchat {

namespace {
// Buffered messages go to the tables, oldest topics first, once their oldest waited this long:
// with 1,000 active topics at 5,000 messages/s a topic then brings about 40 messages at once, and
// its index and row pages are written once for them all rather than once each.
constexpr qint64 ApplyAfterMs = 8000;
// At most this many buffered messages: past it they go without waiting (bounds memory under load).
constexpr int ApplyThreshold = 65536;
// What one commit moves to the tables (more when over the threshold): small steps keep each
// commit short, about 1.5 ms, rather than a pause every few seconds.
constexpr int ApplyChunk = 256;
} // namespace

void SqlStorage::replayJournal()
{
    const QVector<PendingMessage> &records = m_journal->recovered();
    if (!records.isEmpty()) {
        inOwnBatch([this, &records] { writeToTables(records); });
        qCInfo(lcStorage) << "replayed" << records.size() << "journal records";
    }
    m_journal->clearRecovered();
}

MessageInsert SqlStorage::insertBuffered(const QString &topicId, qint64 fromId,
                                         const QString &fromName, const QByteArray &contentJson,
                                         const QString &clientMsgId, qint64 nowMs,
                                         qint64 dedupeSinceMs)
{
    if (!clientMsgId.isEmpty()) {
        if (PendingMessage *earlier = m_buffer->withClientMsgId(topicId, fromId, clientMsgId)) {
            if (earlier->message.createdAtMs >= dedupeSinceMs)
                return {MessageInsert::Duplicate, earlier->message};
            // An old send with the same id gives it up: in the batch right here, or in the table
            // once it is there.
            if (m_buffer->isStaged(earlier))
                earlier->clientMsgId.clear();
            else
                applyTopic(topicId);
        }
        if (auto duplicate = storedDuplicate(topicId, fromId, clientMsgId, dedupeSinceMs))
            return *duplicate;
    }
    PendingTopic *topic = bufferedTopic(topicId);
    if (!topic)
        return {};
    const StoredMessage message{
        topicId, std::max(nowMs, topic->lastSeqId + 1), fromId, fromName, contentJson, nowMs,
        false};
    m_buffer->stage(*topic, {message, clientMsgId, {}});
    if (!m_inBatch) // outside a transaction (tests, tools): the send is its own batch
        appendToJournal(prepareJournal());
    return {MessageInsert::Stored, message};
}

PendingTopic *SqlStorage::bufferedTopic(const QString &topicId)
{
    if (PendingTopic *topic = m_buffer->topic(topicId))
        return topic;
    QSqlQuery &row =
        run(QStringLiteral("SELECT last_seq_id FROM topics WHERE topic_id = ?"), {topicId});
    PendingTopic *topic =
        row.next() ? &m_buffer->addTopic(topicId, row.value(0).toLongLong()) : nullptr;
    row.finish();
    return topic;
}

void SqlStorage::applyTopic(const QString &topicId)
{
    writeToTables(m_buffer->take(topicId));
    if (!m_inBatch)
        m_buffer->forgetTaken();
}

void SqlStorage::applyDueMessages()
{
    const PendingMessage *oldest = m_buffer->oldest();
    if (!oldest)
        return;
    // Due: waited long enough, too many waiting, or in the journal file written before this one,
    // which must be free again by the time this one is full.
    if (m_buffer->size() < ApplyThreshold &&
        oldest->message.createdAtMs > QDateTime::currentMSecsSinceEpoch() - ApplyAfterMs &&
        oldest->journalFile == m_journal->currentFile())
        return;
    writeToTables(
        m_buffer->takeOldest(ApplyChunk + std::max(0, m_buffer->size() - ApplyThreshold)));
}

void SqlStorage::applyAll()
{
    inOwnBatch([this] { writeToTables(m_buffer->takeOldest(m_buffer->size())); });
    m_journal->retire(); // so the next start has nothing to replay
}

// Idempotent, for a journal replayed after a crash: a message already in the table is skipped and
// counts nowhere. Only that conflict is skipped (SQLite checks the upsert's target first, so a
// replayed message whose client_msg_id a later one took over is skipped too); anything else fails
// loudly rather than dropping a message.
void SqlStorage::writeToTables(const QVector<PendingMessage> &messages)
{
    struct Tally
    {
        qint64 count = 0;
        qint64 newestSeqId = 0;
    };
    QHash<QPair<QString, qint64>, Tally> bySender; // (topic, sender)
    writePendingPushes(messages);
    for (const PendingMessage &pending : messages) {
        const StoredMessage &message = pending.message;
        const int inserted =
            run(QStringLiteral("INSERT INTO messages (topic_id, seq_id, from_id, content,"
                               " client_msg_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                               " ON CONFLICT (topic_id, seq_id) DO NOTHING"),
                {message.topicId, message.seqId, message.fromId,
                 QString::fromUtf8(message.contentJson),
                 pending.clientMsgId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                               : pending.clientMsgId,
                 message.createdAtMs})
                .numRowsAffected();
        if (inserted <= 0)
            continue;
        Tally &tally = bySender[{message.topicId, message.fromId}];
        ++tally.count;
        tally.newestSeqId = std::max(tally.newestSeqId, message.seqId);
    }
    // SQLite's two-argument MAX: this path never runs on PostgreSQL.
    for (auto it = bySender.cbegin(); it != bySender.cend(); ++it) {
        const qint64 fromId = it.key().second;
        run(QStringLiteral("UPDATE topics SET last_seq_id = MAX(last_seq_id, ?),"
                           " last_activity = MAX(last_activity, ?),"
                           " unread_a = unread_a + CASE WHEN user_b = ? THEN ? ELSE 0 END,"
                           " unread_b = unread_b + CASE WHEN user_a = ? THEN ? ELSE 0 END"
                           " WHERE topic_id = ?"),
            {it->newestSeqId, it->newestSeqId, fromId, it->count, fromId, it->count,
             it.key().first});
    }
}

// Pushes still unsettled when their message leaves the buffer: to the outbox table, still leased
// to whoever is sending them (on replay after a crash: to nobody, due at once).
void SqlStorage::writePendingPushes(const QVector<PendingMessage> &messages)
{
    QVector<const PendingPush *> unsettled;
    for (const PendingMessage &pending : messages) {
        for (const PendingPush &push : pending.pushes) {
            if (!push.settled)
                unsettled.append(&push);
        }
    }
    if (unsettled.isEmpty())
        return;
    m_pushesDroppedUntold += makeRoomInOutbox(int(unsettled.size()), m_outboxLimit);
    for (const PendingPush *push : std::as_const(unsettled))
        insertOutboxRow(push->record,
                        push->leaseHolder.isEmpty() ? push->record.createdAtMs : push->leaseUntilMs,
                        push->leaseHolder);
}

QByteArray SqlStorage::prepareJournal()
{
    applyDueMessages();
    if (m_buffer->staged().isEmpty() && m_buffer->settledInBatch().isEmpty())
        return {};
    QByteArray records = MessageJournal::encode(m_buffer->staged(), m_buffer->settledInBatch());
    // Moving to the other file overwrites it: whatever of it still waits goes to the tables now.
    if (!m_journal->hasRoomFor(records.size())) {
        const int other = m_journal->otherFile();
        while (m_buffer->countInFile(other) > 0 && m_buffer->oldest())
            writeToTables(m_buffer->takeOldest(1));
    }
    return records;
}

void SqlStorage::appendToJournal(const QByteArray &records)
{
    m_buffer->forgetTaken();
    if (records.isEmpty())
        return;
    if (!m_journal->recovered().isEmpty()) // writing would overwrite them
        throw StorageError("the message journal was not replayed: migrate() first");
    m_buffer->commitStaged(m_journal->append(records));
}

// Staged messages (sent in this very batch) are not read: they are not stored until the batch
// commits, and a read in the same batch is answered at the same moment as the send.
QVector<StoredMessage> SqlStorage::bufferedHistory(const QString &topicId,
                                                   const HistoryQuery &query)
{
    QVector<StoredMessage> newest;
    const QVector<PendingMessage> *buffered = m_buffer->journaled(topicId);
    if (!buffered)
        return newest;
    for (auto it = buffered->crbegin(); it != buffered->crend() && newest.size() < query.limit;
         ++it) {
        if (it->message.seqId < query.before && it->message.seqId > query.since)
            newest.append(it->message);
    }
    return newest;
}

void SqlStorage::mergeBuffered(QVector<TopicSummary> &topics, qint64 userId)
{
    for (TopicSummary &topic : topics) {
        const QVector<PendingMessage> *buffered = m_buffer->journaled(topic.topicId);
        if (!buffered)
            continue;
        for (const PendingMessage &pending : *buffered) {
            topic.lastActivityMs = std::max(topic.lastActivityMs, pending.message.seqId);
            if (pending.message.fromId != userId)
                ++topic.unread; // buffered messages are unread: marking applies them first
        }
    }
    std::stable_sort(
        topics.begin(), topics.end(), [](const TopicSummary &a, const TopicSummary &b) {
            return a.lastActivityMs != b.lastActivityMs ? a.lastActivityMs > b.lastActivityMs
                                                        : a.topicId < b.topicId;
        });
}

} // namespace harajchat
