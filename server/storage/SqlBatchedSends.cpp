// SqlStorage's batched sends (PostgreSQL, SendBatch): what a batch's jobs declared is read and its
// topic rows locked in one go at its start, in topic order on every node; the sends are staged and
// written with a few statements for the whole batch right before its commit, with one NOTIFY per
// 7,000 bytes of events.
#include "app/Logging.h"
#include "protocol/JsonText.h"
#include "storage/SqlStorage.h"

#include <QDateTime>
#include <QUuid>
#include <algorithm>

namespace harajchat {

using protocol::appendJsonKey;
using protocol::appendJsonString;
using protocol::appendJsonStringFromUtf8;

namespace {
// A PostgreSQL array literal of ids. Joined as `unnest(?)` it makes an index lookup per id: a
// small table filtered by `= ANY(?)` is scanned whole, comparing every row with every id.
template <typename Ids> QString arrayLiteral(const Ids &ids)
{
    QStringList items;
    for (const auto &id : ids) {
        if constexpr (std::is_same_v<std::decay_t<decltype(id)>, QString>) {
            QString quoted = id;
            quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                .replace(QLatin1Char('"'), QLatin1String("\\\""));
            items.append(QLatin1Char('"') + quoted + QLatin1Char('"'));
        } else {
            items.append(QString::number(id));
        }
    }
    return QLatin1Char('{') + items.join(QLatin1Char(',')) + QLatin1Char('}');
}

// Rows for `json_to_recordset`, one object each, fields in the order the statement lists them.
class JsonRows
{
public:
    JsonRows() { m_out.append('['); }
    JsonRows &row()
    {
        if (m_out.size() > 1)
            m_out.append("},");
        m_out.append('{');
        m_first = true;
        return *this;
    }
    JsonRows &number(const char *key, qint64 value)
    {
        this->key(key).append(QByteArray::number(value));
        return *this;
    }
    // An empty text is SQL NULL.
    JsonRows &text(const char *key, const QString &value)
    {
        if (value.isEmpty())
            this->key(key).append("null");
        else
            appendJsonString(this->key(key), value);
        return *this;
    }
    JsonRows &utf8(const char *key, const QByteArray &value)
    {
        appendJsonStringFromUtf8(this->key(key), value);
        return *this;
    }
    QString finish() const
    {
        return QString::fromUtf8(m_out.size() > 1 ? m_out + "}]" : m_out + ']');
    }

private:
    QByteArray &key(const char *name)
    {
        if (!m_first)
            m_out.append(',');
        m_first = false;
        appendJsonKey(m_out, name);
        return m_out;
    }

    QByteArray m_out;
    bool m_first = true;
};
} // namespace

void SqlStorage::prepareBatch(const QVector<JobIntent> &intents)
{
    if (!m_sends)
        return; // SQLite: one writer, whose message buffer needs nothing read up front
    QSet<QString> topicIds;
    QSet<qint64> recipients;
    QByteArray sends("[");
    for (const JobIntent &intent : intents) {
        topicIds.insert(intent.topicId);
        if (intent.recipientId > 0)
            recipients.insert(intent.recipientId);
        if (intent.clientMsgId.isEmpty())
            continue;
        if (sends.size() > 1)
            sends.append(',');
        appendJsonKey(sends.append('{'), "c");
        appendJsonString(sends, intent.clientMsgId);
        appendJsonKey(sends.append(','), "f");
        sends.append(QByteArray::number(intent.fromId));
        appendJsonKey(sends.append(','), "t");
        appendJsonString(sends, intent.topicId);
        sends.append('}');
    }
    sends.append(']');
    lockTopicsAndReadRecipients(topicIds, recipients);
    if (sends.size() > 2)
        readEarlierSends(sends);
    m_sends->setPrepared();
}

// One statement: every topic the batch writes, locked in topic order (two nodes writing the same
// topics queue up behind each other's whole batch instead of deadlocking half-way), and where the
// recipients hold sockets and which devices they registered (for delivery and push).
void SqlStorage::lockTopicsAndReadRecipients(const QSet<QString> &topicIds,
                                             const QSet<qint64> &recipients)
{
    QStringList sorted(topicIds.begin(), topicIds.end());
    std::sort(sorted.begin(), sorted.end());
    for (const qint64 recipient : recipients) {
        m_sends->sessionNodes[recipient];
        m_sends->devices[recipient];
    }
    QSqlQuery &rows =
        run(QStringLiteral("WITH locked AS (SELECT t.topic_id, t.last_seq_id, t.user_a, t.user_b"
                           " FROM unnest(?::text[]) AS k(id) JOIN topics t ON t.topic_id = k.id"
                           " ORDER BY t.topic_id FOR UPDATE OF t)"
                           " SELECT 't', topic_id, last_seq_id, user_a, user_b::text FROM locked"
                           " UNION ALL SELECT 's', node_id, user_id, 0, '' FROM cluster_sessions"
                           " WHERE user_id = ANY(?::bigint[])"
                           " UNION ALL SELECT 'd', token, user_id, 0, platform FROM devices"
                           " WHERE user_id = ANY(?::bigint[])"),
            {arrayLiteral(sorted), arrayLiteral(recipients), arrayLiteral(recipients)});
    while (rows.next()) {
        const char kind = rows.value(0).toString().at(0).toLatin1();
        const QString text = rows.value(1).toString();
        const qint64 id = rows.value(2).toLongLong();
        if (kind == 't') {
            m_sends->topics.insert(
                text, {id, id, rows.value(3).toLongLong(), rows.value(4).toLongLong()});
        } else if (kind == 's') {
            m_sends->sessionNodes[id].insert(text);
        } else {
            m_sends->devices[id].append({text, id, rows.value(4).toString()});
        }
    }
    rows.finish();
    for (QVector<DeviceRecord> &devices : m_sends->devices)
        std::sort(devices.begin(), devices.end(),
                  [](const DeviceRecord &a, const DeviceRecord &b) { return a.token < b.token; });
}

// Earlier sends with the client_msg_ids the batch's sends carry; read after the topics are locked,
// so a retry of the same send through another node is seen.
void SqlStorage::readEarlierSends(const QByteArray &sendsJson)
{
    QSqlQuery &query = run(
        QStringLiteral("SELECT m.topic_id, m.seq_id, m.from_id, u.name, m.content, m.created_at,"
                       " m.read_at, m.client_msg_id FROM json_to_recordset(?) AS x(c text,"
                       " f bigint, t text) JOIN messages m ON m.topic_id = x.t AND m.from_id = x.f"
                       " AND m.client_msg_id = x.c JOIN users u ON u.id = m.from_id"),
        {QString::fromUtf8(sendsJson)});
    while (query.next()) {
        const StoredMessage earlier{query.value(0).toString(),
                                    query.value(1).toLongLong(),
                                    query.value(2).toLongLong(),
                                    query.value(3).toString(),
                                    query.value(4).toString().toUtf8(),
                                    query.value(5).toLongLong(),
                                    !query.value(6).isNull()};
        m_sends->earlierSends.insert(
            SendBatch::sendKey(earlier.topicId, earlier.fromId, query.value(7).toString()),
            earlier);
    }
    query.finish();
}

MessageInsert SqlStorage::insertBatched(const QString &topicId, qint64 fromId,
                                        const QString &fromName, const QByteArray &contentJson,
                                        const QString &clientMsgId, qint64 nowMs,
                                        qint64 dedupeSinceMs)
{
    if (!clientMsgId.isEmpty()) {
        if (const SendBatch::StagedMessage *staged =
                m_sends->stagedSend(topicId, fromId, clientMsgId))
            return {MessageInsert::Duplicate, staged->message};
        const auto earlier =
            m_sends->earlierSends.constFind(SendBatch::sendKey(topicId, fromId, clientMsgId));
        if (earlier != m_sends->earlierSends.cend()) {
            if (earlier->createdAtMs >= dedupeSinceMs)
                return {MessageInsert::Duplicate, *earlier};
            // An old send with the same id: the id is free again.
            run(QStringLiteral("UPDATE messages SET client_msg_id = NULL"
                               " WHERE topic_id = ? AND seq_id = ?"),
                {topicId, earlier->seqId});
            m_sends->earlierSends.erase(earlier);
        }
    }
    SendBatch::Topic &topic = m_sends->topics[topicId];
    const StoredMessage message{
        topicId, std::max(nowMs, topic.lastSeqId + 1), fromId, fromName, contentJson, nowMs, false};
    m_sends->stage(topic, message, clientMsgId);
    return {MessageInsert::Stored, message};
}

// One statement for the whole batch: its messages, each topic row once, the pushes, and the
// notifications of its events. The topics are also named as an array, so that the update finds
// them by index rather than scanning the table (the planner cannot see into json_to_recordset).
void SqlStorage::writeBatchedSends()
{
    const QVector<SendBatch::StagedMessage> &messages = m_sends->messages();
    if (messages.isEmpty() && m_sends->pushes().isEmpty() && m_sends->events().isEmpty())
        return;
    if (!m_sends->pushes().isEmpty())
        m_pushesDroppedUntold += makeRoomInOutbox(int(m_sends->pushes().size()), m_outboxLimit);
    QSqlQuery &written = run(
        QStringLiteral(
            "WITH m AS (INSERT INTO messages (topic_id, seq_id, from_id, content, client_msg_id,"
            " created_at) SELECT t, s, f, c, d, w FROM json_to_recordset(?)"
            " AS x(c text, d text, f bigint, s bigint, t text, w bigint)),"
            " u AS (UPDATE topics SET last_seq_id = x.l[array_position(x.t, topic_id)],"
            " last_activity = x.l[array_position(x.t, topic_id)],"
            " unread_a = unread_a + x.a[array_position(x.t, topic_id)],"
            " unread_b = unread_b + x.b[array_position(x.t, topic_id)]"
            " FROM (SELECT ?::text[] AS t, ?::bigint[] AS l, ?::bigint[] AS a,"
            " ?::bigint[] AS b) AS x WHERE topic_id = ANY(x.t)),"
            " p AS (INSERT INTO push_outbox (topic_id, seq_id, token, platform, recipient_id,"
            " message, created_at, expires_at, next_attempt_at, attempts, leased_by)"
            " SELECT t, s, k, p, r, m, c, e, n, 0, h FROM json_to_recordset(?) AS x(c bigint,"
            " e bigint, h text, k text, m text, n bigint, p text, r bigint, s bigint, t text)"
            " ON CONFLICT DO NOTHING RETURNING 1)"
            " SELECT (SELECT COUNT(*) FROM p),"
            " (SELECT COUNT(pg_notify(?, n)) FROM json_array_elements_text(?) AS n)"),
        QVariantList{messageRows()} + topicColumns() +
            QVariantList{pushRows(), eventChannel(), QString::fromUtf8(notifications())});
    const qint64 pushesInserted = written.next() ? written.value(0).toLongLong() : 0;
    written.finish();
    if (m_outboxRows)
        *m_outboxRows += pushesInserted;
}

QString SqlStorage::messageRows() const
{
    JsonRows rows;
    for (const SendBatch::StagedMessage &staged : m_sends->messages())
        rows.row()
            .utf8("c", staged.message.contentJson)
            .text("d", staged.clientMsgId)
            .number("f", staged.message.fromId)
            .number("s", staged.message.seqId)
            .text("t", staged.message.topicId)
            .number("w", staged.message.createdAtMs);
    return rows.finish();
}

// Each topic once, as four arrays: the ids, their newest seq_ids, and their members' new unread
// messages. (An update joined to a row source scans a small table whole; one filtered by
// `= ANY(ids)` finds the rows by index, and takes its values by position.)
QVariantList SqlStorage::topicColumns() const
{
    QHash<QString, std::pair<qint64, qint64>> unread; // topic -> (user_a's, user_b's)
    for (const SendBatch::StagedMessage &staged : m_sends->messages()) {
        auto &counts = unread[staged.message.topicId];
        // A message of user_b is unread for user_a, and the other way round.
        if (staged.message.fromId == m_sends->topics.value(staged.message.topicId).userB)
            ++counts.first;
        else
            ++counts.second;
    }
    QStringList ids;
    QVector<qint64> lastSeqIds, unreadA, unreadB;
    for (auto it = unread.cbegin(); it != unread.cend(); ++it) {
        ids.append(it.key());
        lastSeqIds.append(m_sends->topics.value(it.key()).lastSeqId);
        unreadA.append(it->first);
        unreadB.append(it->second);
    }
    return {arrayLiteral(ids), arrayLiteral(lastSeqIds), arrayLiteral(unreadA),
            arrayLiteral(unreadB)};
}

QString SqlStorage::pushRows() const
{
    JsonRows rows;
    for (const SendBatch::StagedPush &push : m_sends->pushes()) {
        const PushRecord &record = push.record;
        rows.row()
            .number("c", record.createdAtMs)
            .number("e", record.expiresAtMs)
            .text("h", push.leaseHolder)
            .text("k", record.token)
            .utf8("m", record.messageJson)
            .number("n", push.leaseHolder.isEmpty() ? record.createdAtMs : push.leaseUntilMs)
            .text("p", record.platform)
            .number("r", record.recipientId)
            .number("s", record.seqId)
            .text("t", record.topicId);
    }
    return rows.finish();
}

// The batch's events in order, a line each, in as few notifications as fit (a JSON array of them).
QByteArray SqlStorage::notifications()
{
    QByteArray payloads("[");
    QByteArray payload;
    const auto close = [&payloads, &payload] {
        if (payload.isEmpty())
            return;
        if (payloads.size() > 1)
            payloads.append(',');
        appendJsonStringFromUtf8(payloads, payload);
        payload.clear();
    };
    for (const QByteArray &event : m_sends->events()) {
        const QByteArray line = event.size() > MaxNotifyBytes ? storeLargeEvent(event) : event;
        if (!payload.isEmpty() && payload.size() + 1 + line.size() > MaxNotifyBytes)
            close();
        if (!payload.isEmpty())
            payload.append('\n');
        payload.append(line);
    }
    close();
    return payloads.append(']');
}

} // namespace harajchat
