#pragma once

#include "storage/MessageBuffer.h"
#include "storage/MessageJournal.h"
#include "storage/SendBatch.h"
#include "storage/Storage.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>
#include <functional>
#include <limits>
#include <memory>
#include <unordered_map>

namespace harajchat {

// Where a PostgreSQL database is; `options` goes to libpq as further connection parameters
// (e.g. "sslmode=require connect_timeout=5").
struct PostgresSettings
{
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString database = QStringLiteral("harajchat");
    QString user;
    QString password;
    QString options;
};

struct StorageSettings
{
    QString driver = QStringLiteral("sqlite"); // "sqlite" or "postgres"
    QString path;                              // the SQLite file
    QString sqliteSynchronous = QStringLiteral("FULL");
    PostgresSettings postgres;
    // The shortest time between the starts of two commits: under load, the jobs arriving in
    // between share one commit (one fsync for all); after a quiet spell a job goes at once.
    qint64 commitDelayMs = 2;
    // SQLite: messages reach their tables through the message journal and buffer (MessageBuffer).
    // Off for the command line, which shares the database with a running daemon.
    bool messageJournal = true;
    // PostgreSQL: how the connection shows in pg_stat_activity.
    QString applicationName = QStringLiteral("harajchatd");
};

// Opens a Qt SQL connection for the settings' driver under `connectionName`.
QSqlDatabase openDatabase(const StorageSettings &settings, const QString &connectionName);

// Storage over Qt SQL in portable SQL (ON CONFLICT, savepoints, BIGINT, RETURNING): SQLite or
// PostgreSQL. The few dialect differences (locking, NOTIFY) branch on m_isSqlite. Owned by, and
// used only on, the thread that constructed it.
class SqlStorage final : public Storage
{
public:
    explicit SqlStorage(const StorageSettings &settings);
    ~SqlStorage() override;
    SqlStorage(const SqlStorage &) = delete;
    SqlStorage &operator=(const SqlStorage &) = delete;

    void migrate() override;
    void beginBatch() override;
    void prepareBatch(const QVector<JobIntent> &intents) override;
    void commitBatch() override;
    void rollbackBatch() override;
    void beginJob() override;
    void endJob(bool keep) override;
    void checkHealth() override;
    bool hasDeferredWrites() const override { return m_buffer && m_buffer->size() > 0; }

    std::optional<qint64> insertUser(std::optional<qint64> id, const QString &name,
                                     const QString &passwordHash) override;
    void upsertUser(qint64 id, const QString &name) override;
    std::optional<UserRecord> userById(qint64 id) override;
    std::optional<UserRecord> userByName(const QString &name) override;

    void insertAccessToken(const QByteArray &tokenHash, qint64 userId) override;
    std::optional<qint64> userForAccessToken(const QByteArray &tokenHash) override;
    bool deleteAccessToken(const QByteArray &tokenHash) override;

    bool ensureTopic(qint64 userA, qint64 userB) override;
    bool topicExists(qint64 userA, qint64 userB) override;
    QVector<TopicSummary> topicsOf(qint64 userId) override;

    MessageInsert insertMessage(const QString &topicId, qint64 fromId, const QString &fromName,
                                const QByteArray &contentJson, const QString &clientMsgId,
                                qint64 nowMs, qint64 dedupeSinceMs) override;
    QVector<StoredMessage> history(const QString &topicId, const HistoryQuery &query) override;
    QVector<qint64> markRead(const QString &topicId, qint64 senderId, const QVector<qint64> &seqIds,
                             qint64 nowMs) override;
    QVector<qint64> markReadUpTo(const QString &topicId, qint64 senderId, qint64 upTo,
                                 qint64 nowMs) override;

    void upsertDevice(const QString &token, qint64 userId, const QString &platform) override;
    bool deleteDevice(const QString &token, qint64 userId) override;
    QVector<DeviceRecord> devicesOf(qint64 userId) override;
    void forgetDeviceToken(const QString &token) override;
    void replaceDeviceToken(const QString &oldToken, const QString &newToken) override;

    int enqueuePushes(const QVector<PushRecord> &pushes, const QString &leaseHolder,
                      qint64 leaseUntilMs, int maxRows) override;
    PushClaim claimDuePushes(qint64 nowMs, const QString &leaseHolder, qint64 leaseUntilMs,
                             int limit) override;
    int settlePushes(const QVector<PushSettlement> &settlements) override;
    int releaseOrphanLeases(qint64 nowMs) override;

    bool heartbeat(const QString &nodeId, qint64 nowMs) override;
    QVector<qint64> reapNodes(qint64 cutoffMs) override;
    QVector<qint64> leaveCluster(const QString &nodeId) override;
    bool addNodeSession(const QString &nodeId, qint64 userId) override;
    bool removeNodeSession(const QString &nodeId, qint64 userId) override;
    bool hasSessionsElsewhere(const QString &nodeId, qint64 userId) override;
    QVector<QPair<qint64, bool>> syncNodeSessions(const QString &nodeId,
                                                  const QVector<qint64> &usersHere) override;
    QVector<StoredMessage> messagesTo(const QVector<qint64> &recipients, qint64 seqIdFrom) override;
    QVector<qint64> usersOnline() override;
    void publish(const QByteArray &event) override;
    QByteArray storedEvent(const QString &eventId) override;

    // The NOTIFY channel of cluster events: a notification carries one or more events, a line
    // each.
    static QString eventChannel() { return QStringLiteral("harajchat_events"); }
    // NOTIFY payloads must stay under 8000 bytes; a larger event goes through cluster_events.
    static constexpr qsizetype MaxNotifyBytes = 7000;

private:
    int schemaVersion();
    void execute(const QString &sql);
    void transactionControl(const QString &sql);
    void openTransaction();
    void takeJobSavepoint();
    // Runs `work` in a batch of its own: committed, or rolled back when it throws.
    void inOwnBatch(const std::function<void()> &work);
    // Runs a cached prepared statement with positional bindings.
    QSqlQuery &run(const QString &sql, const QVariantList &bindings = {});
    std::optional<UserRecord> userWhere(const QString &condition, const QVariant &value);
    QVector<StoredMessage> messagesWhere(const QString &condition, const QVariantList &bindings);
    // The same over a FROM clause of the caller's (messages as `m`, their senders as `u`).
    QVector<StoredMessage> messagesFrom(const QString &fromClause, const QVariantList &bindings);
    // The reader of `senderId`'s messages in the topic read `count` more of them, and every one up
    // to `readUpTo` (0: no such mark).
    void noteRead(const QString &topicId, qint64 senderId, qint64 count, qint64 readUpTo);
    // The first column of every row (seq ids, user ids), ascending.
    QVector<qint64> sortedIdsOf(QSqlQuery &query);
    // PostgreSQL: holds a transaction-scoped advisory lock (SQLite's write lock covers it).
    void lockKey(qint64 key);
    bool userOnAnyNode(qint64 userId);
    // Forgets sessions of nodes no longer registered; returns users left with no socket anywhere.
    QVector<qint64> removeOrphanSessions();
    // Drops the oldest pushes so that `adding` more keep the outbox within `maxRows`.
    int makeRoomInOutbox(int adding, int maxRows);
    void insertOutboxRow(const PushRecord &push, qint64 nextAttemptMs, const QString &leaseHolder);
    // Forgets the cached devices of the user who holds `token`.
    void forgetCachedDevices(const QString &token);
    void deletePush(const PushRecord &push);
    void schedulePush(const PushRecord &push, qint64 nextAttemptMs, const QString &leaseHolder);

    // A send within the dedupe window that carried the same client_msg_id, from the tables; an
    // older one gives its id up.
    std::optional<MessageInsert> storedDuplicate(const QString &topicId, qint64 fromId,
                                                 const QString &clientMsgId, qint64 dedupeSinceMs);
    QVector<StoredMessage> storedHistory(const QString &topicId, const HistoryQuery &query);

    // The message journal and buffer (SqlBufferedMessages.cpp).
    void replayJournal();
    MessageInsert insertBuffered(const QString &topicId, qint64 fromId, const QString &fromName,
                                 const QByteArray &contentJson, const QString &clientMsgId,
                                 qint64 nowMs, qint64 dedupeSinceMs);
    PendingTopic *bufferedTopic(const QString &topicId);
    // Writes the topic's buffered messages to the tables, before they are read or marked there.
    void applyTopic(const QString &topicId);
    void applyDueMessages();
    void applyAll();
    void writeToTables(const QVector<PendingMessage> &messages);
    void writePendingPushes(const QVector<PendingMessage> &messages);
    // Before the commit: applies what is due and makes room in the journal; returns the staged
    // messages' records.
    QByteArray prepareJournal();
    // After the commit (or outside a batch): what was taken out is in the tables for good, and
    // the staged messages' records go to the journal.
    void appendToJournal(const QByteArray &records);
    QVector<StoredMessage> bufferedHistory(const QString &topicId, const HistoryQuery &query);
    void mergeBuffered(QVector<TopicSummary> &topics, qint64 userId);

    // Batched sends (SqlBatchedSends.cpp, PostgreSQL).
    void lockTopicsAndReadRecipients(const QSet<QString> &topicIds, const QSet<qint64> &recipients);
    void readEarlierSends(const QByteArray &sendsJson);
    MessageInsert insertBatched(const QString &topicId, qint64 fromId, const QString &fromName,
                                const QByteArray &contentJson, const QString &clientMsgId,
                                qint64 nowMs, qint64 dedupeSinceMs);
    // Before the commit: the batch's staged messages, topic counters, pushes and events, as rows
    // for json_to_recordset (the topics as arrays).
    void writeBatchedSends();
    QString messageRows() const;
    QVariantList topicColumns() const;
    QString pushRows() const;
    QByteArray notifications();
    // Stores an event too large for a notification; returns the reference that travels instead.
    QByteArray storeLargeEvent(const QByteArray &event);

    QString m_connectionName;
    bool m_isSqlite = true;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    std::unique_ptr<MessageJournal> m_journal; // with m_buffer, or neither
    std::unique_ptr<MessageBuffer> m_buffer;
    std::unique_ptr<SendBatch> m_sends; // PostgreSQL's batches
    bool m_inBatch = false;             // between beginBatch and its commit or rollback
    bool m_inTransaction = false;       // the batch's transaction has begun
    bool m_inJob = false;               // between beginJob and endJob
    bool m_jobSavepoint = false;        // the job's savepoint is taken
    // The outbox's rows as last counted, plus those added since (rows other nodes add are not
    // seen): counting is a scan, so it happens only when this nears the limit, or now and then.
    std::optional<qint64> m_outboxRows;
    int m_pushesSinceCount = 0;
    // push/max_outbox, as enqueuePushes gets it; and the pushes dropped to keep to it since
    // settlePushes last told (when rows go in outside enqueuePushes).
    int m_outboxLimit = std::numeric_limits<int>::max();
    int m_pushesDroppedUntold = 0;
    // Embedded (SQLite) only: each user's devices as last read, so that a push to an offline
    // recipient reads nothing. Dropped on every change and every rollback.
    static constexpr size_t MaxCachedDeviceLists = 100000;
    std::unordered_map<qint64, QVector<DeviceRecord>> m_deviceCache;
};

} // namespace harajchat
