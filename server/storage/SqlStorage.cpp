#include "storage/SqlStorage.h"

#include "app/Logging.h"
#include "protocol/Ids.h"
#include "storage/Migrations.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUuid>
#include <algorithm>

namespace harajchat {

namespace {
// Advisory-lock key of schema migrations (user ids, the other keys, are positive).
constexpr qint64 MigrationLockKey = -1;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

[[noreturn]] void fail(const QString &what, const QSqlError &error)
{
    // PostgreSQL's deadlock_detected and serialization_failure: running the job again succeeds.
    const bool transient = error.nativeErrorCode() == QLatin1String("40P01") ||
                           error.nativeErrorCode() == QLatin1String("40001");
    throw StorageError(QStringLiteral("%1: %2").arg(what, error.text()).toStdString(), transient);
}
} // namespace

QSqlDatabase openDatabase(const StorageSettings &settings, const QString &connectionName)
{
    QSqlDatabase db;
    if (settings.driver == QLatin1String("postgres")) {
        const PostgresSettings &pg = settings.postgres;
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(pg.host);
        db.setPort(pg.port);
        db.setDatabaseName(pg.database);
        db.setUserName(pg.user);
        db.setPassword(pg.password);
        QString applicationName = settings.applicationName;
        applicationName.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('\''), QLatin1String("\\'"));
        db.setConnectOptions(
            (pg.options + QStringLiteral(" application_name='%1'").arg(applicationName)).trimmed());
    } else if (settings.driver == QLatin1String("sqlite")) {
        const QFileInfo file(settings.path);
        if (!QDir().mkpath(file.absolutePath()))
            throw StorageError("cannot create directory " + file.absolutePath().toStdString());
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(file.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        throw StorageError("unsupported storage driver: " + settings.driver.toStdString());
    }
    if (!db.isValid())
        throw StorageError("the Qt SQL driver for " + settings.driver.toStdString() +
                           " is not installed");
    if (!db.open()) {
        const QSqlError error = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        fail(QStringLiteral("open %1 database").arg(settings.driver), error);
    }
    return db;
}

SqlStorage::SqlStorage(const StorageSettings &settings)
    : m_connectionName(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_isSqlite(settings.driver == QLatin1String("sqlite"))
    , m_db(openDatabase(settings, m_connectionName))
{
    if (!m_isSqlite) {
        execute(QStringLiteral("SET client_min_messages = warning")); // no NOTICE chatter in logs
        m_sends = std::make_unique<SendBatch>();
        return;
    }
    // WAL lets readers run beside the writer; FULL makes every commit survive power loss.
    execute(QStringLiteral("PRAGMA journal_mode=WAL"));
    execute(QStringLiteral("PRAGMA synchronous=%1").arg(settings.sqliteSynchronous));
    execute(QStringLiteral("PRAGMA foreign_keys=ON"));
    if (settings.messageJournal) {
        const bool durable = settings.sqliteSynchronous == QLatin1String("FULL") ||
                             settings.sqliteSynchronous == QLatin1String("EXTRA");
        m_journal =
            std::make_unique<MessageJournal>(QFileInfo(settings.path).absoluteFilePath(), durable);
        m_buffer = std::make_unique<MessageBuffer>();
    }
}

SqlStorage::~SqlStorage()
{
    // Not when the journal's records were never replayed (migrate() failed or never ran): marking
    // the files empty would lose them.
    if (m_buffer && m_journal->recovered().isEmpty()) {
        try {
            applyAll();
        } catch (const StorageError &error) {
            qCWarning(lcStorage) << "buffered messages stay in the journal for the next start:"
                                 << error.what();
        }
    }
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void SqlStorage::execute(const QString &sql)
{
    openTransaction();
    takeJobSavepoint();
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        fail(sql, query.lastError());
}

QSqlQuery &SqlStorage::run(const QString &sql, const QVariantList &bindings)
{
    openTransaction();
    takeJobSavepoint();
    auto cached = m_statements.find(sql);
    if (cached == m_statements.end()) {
        QSqlQuery query(m_db);
        if (!query.prepare(sql))
            fail(sql, query.lastError());
        cached = m_statements.insert(sql, query);
    }
    QSqlQuery &query = *cached;
    for (int i = 0; i < bindings.size(); ++i)
        query.bindValue(i, bindings.at(i));
    if (!query.exec())
        fail(sql, query.lastError());
    return query;
}

int SqlStorage::schemaVersion()
{
    execute(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"));
    QSqlQuery &query = run(QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    const int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    return version;
}

void SqlStorage::migrate()
{
    inOwnBatch([this] {
        lockKey(MigrationLockKey); // nodes starting together take turns
        const int current = schemaVersion();
        // A node of an older build must not run on a schema it does not know: it would skip what
        // the newer schema keeps up to date (unread counts, say).
        const int known = schemaMigrations().constLast().version;
        if (current > known)
            throw StorageError(QStringLiteral("the database schema is version %1, newer than this "
                                              "build knows (%2): run the newer harajchatd")
                                   .arg(current)
                                   .arg(known)
                                   .toStdString());
        for (const Migration &migration : schemaMigrations()) {
            if (migration.version <= current)
                continue;
            for (const QString &statement : migration.statements)
                execute(statement);
            for (const QString &statement : migration.postgresOnly) {
                if (!m_isSqlite)
                    execute(statement);
            }
            run(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                {migration.version, nowMs()});
            qCInfo(lcStorage) << "applying schema migration" << migration.version;
        }
    });
    if (m_journal)
        replayJournal();
}

void SqlStorage::inOwnBatch(const std::function<void()> &work)
{
    beginBatch();
    try {
        work();
        commitBatch();
    } catch (const StorageError &) {
        rollbackBatch();
        throw;
    }
}

// The transaction itself starts at the batch's first statement: a batch of buffered sends runs
// none, and skips BEGIN and COMMIT (where SQLite takes and drops its locks, a tenth of the storage
// thread's time at 5,000 messages/s).
void SqlStorage::beginBatch()
{
    m_inBatch = true;
    m_inTransaction = false;
    if (m_sends)
        m_sends->clear();
}

// Throws when no transaction could begin: the statement that asked fails with its job, and the
// next statement tries again.
void SqlStorage::openTransaction()
{
    if (!m_inBatch || m_inTransaction)
        return;
    // IMMEDIATE takes SQLite's write lock up front, so a batch never fails half-way on a busy lock.
    const QString begin = m_isSqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    QSqlQuery query(m_db);
    if (!query.exec(begin)) {
        // SQLite: busy past its timeout, or a broken file; reopening would only lose the
        // connection's pragmas.
        if (m_isSqlite)
            fail(begin, query.lastError());
        // A database server that restarted dropped the connection: open it again.
        qCWarning(lcStorage) << "reopening the database connection:" << query.lastError().text();
        query = QSqlQuery();
        m_statements.clear();
        m_db.close();
        if (!m_db.open())
            fail(QStringLiteral("reopen"), m_db.lastError());
        QSqlQuery retry(m_db);
        if (!retry.exec(begin))
            fail(begin, retry.lastError());
    }
    m_inTransaction = true;
}

// Buffered messages: the tables commit first, then the journal append. A crash in between loses
// only messages nobody was told are stored, and an id a new message reuses (client_msg_id) is
// free in the tables before the journal can hold it twice. Should the append fail, the batch's
// other jobs are committed yet answered as failed: they are all safe to retry.
void SqlStorage::commitBatch()
{
    const QByteArray journalRecords = m_buffer ? prepareJournal() : QByteArray();
    if (m_sends) {
        writeBatchedSends();
        m_sends->clear();
    }
    if (m_inTransaction)
        transactionControl(QStringLiteral("COMMIT"));
    m_inBatch = false;
    m_inTransaction = false;
    if (m_buffer)
        appendToJournal(journalRecords);
}

void SqlStorage::rollbackBatch()
{
    if (m_inTransaction) {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("ROLLBACK"));
    }
    m_inBatch = false;
    m_inTransaction = false;
    m_deviceCache.clear(); // it may hold what the rolled-back jobs read
    if (m_buffer)
        m_buffer->rollBack();
    if (m_sends)
        m_sends->clear();
}

void SqlStorage::beginJob()
{
    m_inJob = true;
    m_jobSavepoint = false;
    if (m_buffer)
        m_buffer->beginJob();
    if (m_sends)
        m_sends->beginJob();
}

void SqlStorage::endJob(bool keep)
{
    m_inJob = false;
    if (!keep)
        m_deviceCache.clear();
    if (m_jobSavepoint) {
        m_jobSavepoint = false;
        if (!keep)
            transactionControl(QStringLiteral("ROLLBACK TO SAVEPOINT job"));
        transactionControl(QStringLiteral("RELEASE SAVEPOINT job"));
    }
    if (m_buffer)
        m_buffer->endJob(keep);
    if (m_sends && !keep)
        m_sends->dropJob();
}

// Taken before a job's first statement: a send that reaches the message buffer only runs none.
void SqlStorage::takeJobSavepoint()
{
    if (!m_inJob || m_jobSavepoint)
        return;
    m_inJob = false; // not for the SAVEPOINT statement itself
    try {
        transactionControl(QStringLiteral("SAVEPOINT job"));
    } catch (const StorageError &) {
        m_inJob = true;
        throw;
    }
    m_inJob = true;
    m_jobSavepoint = true;
}

void SqlStorage::transactionControl(const QString &sql)
{
    // A savepoint per job is on every message's path: SQLite keeps it prepared. PostgreSQL cannot
    // PREPARE transaction control, so it is sent as text there.
    if (m_isSqlite)
        run(sql);
    else
        execute(sql);
}

void SqlStorage::checkHealth()
{
    QSqlQuery &query = run(QStringLiteral("SELECT 1"));
    query.finish();
}

std::optional<qint64> SqlStorage::insertUser(std::optional<qint64> id, const QString &name,
                                             const QString &passwordHash)
{
    if (id && userById(*id))
        return std::nullopt;
    if (!passwordHash.isEmpty()) {
        QSqlQuery &taken =
            run(QStringLiteral("SELECT 1 FROM users WHERE name = ? AND password_hash IS NOT NULL"),
                {name});
        const bool exists = taken.next();
        taken.finish();
        if (exists)
            return std::nullopt;
    }
    if (!id) {
        QSqlQuery &highest = run(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM users"));
        id = highest.next() ? highest.value(0).toLongLong() + 1 : 1;
        highest.finish();
    }
    run(QStringLiteral(
            "INSERT INTO users (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)"),
        {*id, name,
         passwordHash.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : passwordHash,
         nowMs()});
    return id;
}

void SqlStorage::upsertUser(qint64 id, const QString &name)
{
    run(QStringLiteral("INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET name = excluded.name"
                       " WHERE users.name <> excluded.name"),
        {id, name, nowMs()});
}

std::optional<UserRecord> SqlStorage::userWhere(const QString &condition, const QVariant &value)
{
    QSqlQuery &query = run(
        QStringLiteral("SELECT id, name, password_hash FROM users WHERE ") + condition, {value});
    std::optional<UserRecord> user;
    if (query.next())
        user = UserRecord{query.value(0).toLongLong(), query.value(1).toString(),
                          query.value(2).toString()};
    query.finish();
    return user;
}

std::optional<UserRecord> SqlStorage::userById(qint64 id)
{
    return userWhere(QStringLiteral("id = ?"), id);
}

std::optional<UserRecord> SqlStorage::userByName(const QString &name)
{
    return userWhere(QStringLiteral("name = ? AND password_hash IS NOT NULL"), name);
}

void SqlStorage::insertAccessToken(const QByteArray &tokenHash, qint64 userId)
{
    run(QStringLiteral("INSERT INTO access_tokens (token_hash, user_id, created_at)"
                       " VALUES (?, ?, ?)"),
        {QString::fromLatin1(tokenHash), userId, nowMs()});
}

std::optional<qint64> SqlStorage::userForAccessToken(const QByteArray &tokenHash)
{
    QSqlQuery &query = run(QStringLiteral("SELECT user_id FROM access_tokens WHERE token_hash = ?"),
                           {QString::fromLatin1(tokenHash)});
    std::optional<qint64> userId;
    if (query.next())
        userId = query.value(0).toLongLong();
    query.finish();
    return userId;
}

bool SqlStorage::deleteAccessToken(const QByteArray &tokenHash)
{
    return run(QStringLiteral("DELETE FROM access_tokens WHERE token_hash = ?"),
               {QString::fromLatin1(tokenHash)})
               .numRowsAffected() > 0;
}

bool SqlStorage::ensureTopic(qint64 userA, qint64 userB)
{
    const qint64 now = nowMs();
    return run(QStringLiteral("INSERT INTO topics (topic_id, user_a, user_b, created_at,"
                              " last_activity) VALUES (?, ?, ?, ?, ?)"
                              " ON CONFLICT (topic_id) DO NOTHING"),
               {protocol::p2pTopicId(userA, userB), qMin(userA, userB), qMax(userA, userB), now,
                now})
               .numRowsAffected() > 0;
}

bool SqlStorage::topicExists(qint64 userA, qint64 userB)
{
    QSqlQuery &query = run(QStringLiteral("SELECT 1 FROM topics WHERE topic_id = ?"),
                           {protocol::p2pTopicId(userA, userB)});
    const bool exists = query.next();
    query.finish();
    return exists;
}

QVector<TopicSummary> SqlStorage::topicsOf(qint64 userId)
{
    QSqlQuery &query =
        run(QStringLiteral("SELECT t.topic_id, u.id, u.name, t.last_activity,"
                           " CASE WHEN t.user_a = ? THEN t.unread_a ELSE t.unread_b END"
                           " FROM topics t JOIN users u ON u.id = CASE WHEN t.user_a = ?"
                           " THEN t.user_b ELSE t.user_a END"
                           " WHERE t.user_a = ? OR t.user_b = ?"
                           " ORDER BY t.last_activity DESC, t.topic_id"),
            {userId, userId, userId, userId});
    QVector<TopicSummary> topics;
    while (query.next())
        topics.append({query.value(0).toString(), query.value(1).toLongLong(),
                       query.value(2).toString(), query.value(3).toLongLong(), std::nullopt,
                       query.value(4).toInt()});
    query.finish();
    if (m_buffer)
        mergeBuffered(topics, userId);
    for (TopicSummary &topic : topics) {
        const QVector<StoredMessage> last =
            history(topic.topicId, HistoryQuery{std::numeric_limits<qint64>::max(), 0, 1});
        if (!last.isEmpty())
            topic.lastMessage = last.first();
    }
    return topics;
}

QVector<StoredMessage> SqlStorage::messagesWhere(const QString &condition,
                                                 const QVariantList &bindings)
{
    return messagesFrom(
        QStringLiteral("messages m JOIN users u ON u.id = m.from_id WHERE ") + condition, bindings);
}

QVector<StoredMessage> SqlStorage::messagesFrom(const QString &fromClause,
                                                const QVariantList &bindings)
{
    QSqlQuery &query = run(
        QStringLiteral("SELECT m.topic_id, m.seq_id, m.from_id, u.name, m.content, m.created_at,"
                       " m.read_at FROM ") +
            fromClause,
        bindings);
    QVector<StoredMessage> messages;
    while (query.next())
        messages.append({query.value(0).toString(), query.value(1).toLongLong(),
                         query.value(2).toLongLong(), query.value(3).toString(),
                         query.value(4).toString().toUtf8(), query.value(5).toLongLong(),
                         !query.value(6).isNull()});
    query.finish();
    return messages;
}

QVector<StoredMessage> SqlStorage::history(const QString &topicId, const HistoryQuery &query)
{
    if (!m_buffer)
        return storedHistory(topicId, query);
    // Buffered messages are newer than any in the table: they come first.
    QVector<StoredMessage> messages = bufferedHistory(topicId, query);
    if (messages.size() < query.limit)
        messages +=
            storedHistory(topicId, {query.before, query.since, query.limit - int(messages.size())});
    return messages;
}

QVector<StoredMessage> SqlStorage::storedHistory(const QString &topicId, const HistoryQuery &query)
{
    return messagesWhere(QStringLiteral("m.topic_id = ? AND m.seq_id < ? AND m.seq_id > ?"
                                        " ORDER BY m.seq_id DESC LIMIT ?"),
                         {topicId, query.before, query.since, query.limit});
}

MessageInsert SqlStorage::insertMessage(const QString &topicId, qint64 fromId,
                                        const QString &fromName, const QByteArray &contentJson,
                                        const QString &clientMsgId, qint64 nowMs,
                                        qint64 dedupeSinceMs)
{
    if (m_buffer)
        return insertBuffered(topicId, fromId, fromName, contentJson, clientMsgId, nowMs,
                              dedupeSinceMs);
    if (m_sends && m_sends->isPrepared() && m_sends->topics.contains(topicId))
        return insertBatched(topicId, fromId, fromName, contentJson, clientMsgId, nowMs,
                             dedupeSinceMs);
    if (!clientMsgId.isEmpty()) {
        if (auto duplicate = storedDuplicate(topicId, fromId, clientMsgId, dedupeSinceMs))
            return *duplicate;
    }
    // One statement reads and bumps the topic's counter, so concurrent writers never share a
    // seq_id.
    QSqlQuery &bump =
        run(QStringLiteral("UPDATE topics SET"
                           " last_seq_id = CASE WHEN last_seq_id >= ? THEN last_seq_id + 1"
                           " ELSE ? END,"
                           " last_activity = CASE WHEN last_seq_id >= ? THEN last_seq_id + 1"
                           " ELSE ? END,"
                           " unread_a = unread_a + CASE WHEN user_b = ? THEN 1 ELSE 0 END,"
                           " unread_b = unread_b + CASE WHEN user_a = ? THEN 1 ELSE 0 END"
                           " WHERE topic_id = ? RETURNING last_seq_id"),
            {nowMs, nowMs, nowMs, nowMs, fromId, fromId, topicId});
    const bool topicFound = bump.next();
    const qint64 seqId = topicFound ? bump.value(0).toLongLong() : 0;
    bump.finish();
    if (!topicFound)
        return {};
    run(QStringLiteral("INSERT INTO messages (topic_id, seq_id, from_id, content, client_msg_id,"
                       " created_at) VALUES (?, ?, ?, ?, ?, ?)"),
        {topicId, seqId, fromId, QString::fromUtf8(contentJson),
         clientMsgId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : clientMsgId, nowMs});
    return {MessageInsert::Stored, {topicId, seqId, fromId, fromName, contentJson, nowMs, false}};
}

std::optional<MessageInsert> SqlStorage::storedDuplicate(const QString &topicId, qint64 fromId,
                                                         const QString &clientMsgId,
                                                         qint64 dedupeSinceMs)
{
    const QVector<StoredMessage> earlier =
        messagesWhere(QStringLiteral("m.topic_id = ? AND m.from_id = ? AND m.client_msg_id = ?"),
                      {topicId, fromId, clientMsgId});
    if (earlier.isEmpty())
        return std::nullopt;
    if (earlier.first().createdAtMs >= dedupeSinceMs)
        return MessageInsert{MessageInsert::Duplicate, earlier.first()};
    // An old send with the same id: the id is free again.
    run(QStringLiteral(
            "UPDATE messages SET client_msg_id = NULL WHERE topic_id = ? AND seq_id = ?"),
        {topicId, earlier.first().seqId});
    return std::nullopt;
}

QVector<qint64> SqlStorage::sortedIdsOf(QSqlQuery &query)
{
    QVector<qint64> seqIds;
    while (query.next())
        seqIds.append(query.value(0).toLongLong());
    query.finish();
    std::sort(seqIds.begin(), seqIds.end());
    return seqIds;
}

QVector<qint64> SqlStorage::markRead(const QString &topicId, qint64 senderId,
                                     const QVector<qint64> &seqIds, qint64 nowMs)
{
    if (m_buffer)
        applyTopic(topicId);
    QVector<qint64> changed;
    for (const qint64 seqId : seqIds) {
        QSqlQuery &update = run(QStringLiteral("UPDATE messages SET read_at = ? WHERE topic_id = ?"
                                               " AND seq_id = ? AND from_id = ? AND read_at IS NULL"
                                               " RETURNING seq_id"),
                                {nowMs, topicId, seqId, senderId});
        changed += sortedIdsOf(update);
    }
    std::sort(changed.begin(), changed.end());
    noteRead(topicId, senderId, changed.size(), 0);
    return changed;
}

QVector<qint64> SqlStorage::markReadUpTo(const QString &topicId, qint64 senderId, qint64 upTo,
                                         qint64 nowMs)
{
    if (m_buffer)
        applyTopic(topicId);
    // Everything up to the reader's mark is read already: the walk starts after it.
    QSqlQuery &topic = run(QStringLiteral("SELECT CASE WHEN user_a = ? THEN read_up_to_b"
                                          " ELSE read_up_to_a END, last_seq_id FROM topics"
                                          " WHERE topic_id = ?"),
                           {senderId, topicId});
    if (!topic.next()) {
        topic.finish();
        return {};
    }
    const qint64 readUpTo = topic.value(0).toLongLong();
    const qint64 lastSeqId = topic.value(1).toLongLong();
    topic.finish();
    const QVector<qint64> changed = sortedIdsOf(
        run(QStringLiteral("UPDATE messages SET read_at = ? WHERE topic_id = ? AND seq_id > ?"
                           " AND seq_id <= ? AND from_id = ? AND read_at IS NULL"
                           " RETURNING seq_id"),
            {nowMs, topicId, readUpTo, upTo, senderId}));
    // Never past the newest message: later ones must still be found unread.
    noteRead(topicId, senderId, changed.size(), std::min(upTo, lastSeqId));
    return changed;
}

void SqlStorage::noteRead(const QString &topicId, qint64 senderId, qint64 count, qint64 readUpTo)
{
    if (count == 0 && readUpTo == 0)
        return;
    run(QStringLiteral("UPDATE topics SET"
                       " unread_a = unread_a - CASE WHEN user_b = ? THEN ? ELSE 0 END,"
                       " unread_b = unread_b - CASE WHEN user_a = ? THEN ? ELSE 0 END,"
                       " read_up_to_a = CASE WHEN user_b = ? AND read_up_to_a < ? THEN ?"
                       " ELSE read_up_to_a END,"
                       " read_up_to_b = CASE WHEN user_a = ? AND read_up_to_b < ? THEN ?"
                       " ELSE read_up_to_b END"
                       " WHERE topic_id = ?"),
        {senderId, count, senderId, count, senderId, readUpTo, readUpTo, senderId, readUpTo,
         readUpTo, topicId});
}

void SqlStorage::upsertDevice(const QString &token, qint64 userId, const QString &platform)
{
    forgetCachedDevices(token); // of its previous owner
    m_deviceCache.erase(userId);
    run(QStringLiteral(
            "INSERT INTO devices (token, user_id, platform, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id,"
            " platform = excluded.platform, updated_at = excluded.updated_at"),
        {token, userId, platform, nowMs()});
}

bool SqlStorage::deleteDevice(const QString &token, qint64 userId)
{
    m_deviceCache.erase(userId);
    return run(QStringLiteral("DELETE FROM devices WHERE token = ? AND user_id = ?"),
               {token, userId})
               .numRowsAffected() > 0;
}

QVector<DeviceRecord> SqlStorage::devicesOf(qint64 userId)
{
    const auto cached = m_deviceCache.find(userId);
    if (cached != m_deviceCache.end())
        return cached->second;
    if (m_sends && m_sends->isPrepared()) { // a recipient the batch declared: read at its start
        const auto declared = m_sends->devices.constFind(userId);
        if (declared != m_sends->devices.cend())
            return *declared;
    }
    QSqlQuery &query =
        run(QStringLiteral(
                "SELECT token, user_id, platform FROM devices WHERE user_id = ? ORDER BY token"),
            {userId});
    QVector<DeviceRecord> devices;
    while (query.next())
        devices.append(
            {query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toString()});
    query.finish();
    // Only one process writes an embedded database: what it read stays true until it changes it.
    if (m_buffer) {
        if (m_deviceCache.size() >= MaxCachedDeviceLists)
            m_deviceCache.clear();
        m_deviceCache.emplace(userId, devices);
    }
    return devices;
}

void SqlStorage::forgetCachedDevices(const QString &token)
{
    if (m_deviceCache.empty())
        return;
    QSqlQuery &owner = run(QStringLiteral("SELECT user_id FROM devices WHERE token = ?"), {token});
    if (owner.next())
        m_deviceCache.erase(owner.value(0).toLongLong());
    owner.finish();
}

void SqlStorage::forgetDeviceToken(const QString &token)
{
    forgetCachedDevices(token);
    run(QStringLiteral("DELETE FROM devices WHERE token = ?"), {token});
    run(QStringLiteral("DELETE FROM push_outbox WHERE token = ?"), {token});
    m_outboxRows.reset(); // it took every push of the token with it: count again
}

void SqlStorage::replaceDeviceToken(const QString &oldToken, const QString &newToken)
{
    forgetCachedDevices(oldToken);
    forgetCachedDevices(newToken);
    // The new token may be registered already (then the old row just goes).
    run(QStringLiteral("UPDATE devices SET token = ? WHERE token = ?"
                       " AND NOT EXISTS (SELECT 1 FROM devices WHERE token = ?)"),
        {newToken, oldToken, newToken});
    run(QStringLiteral("DELETE FROM devices WHERE token = ?"), {oldToken});
}

int SqlStorage::makeRoomInOutbox(int adding, int maxRows)
{
    // Recount when the estimate nears the limit, and every few thousand pushes, so that rows
    // other nodes add (or delete) are seen eventually.
    if (!m_outboxRows || *m_outboxRows + adding > maxRows || m_pushesSinceCount >= 4096) {
        QSqlQuery &count = run(QStringLiteral("SELECT COUNT(*) FROM push_outbox"));
        m_outboxRows = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        m_pushesSinceCount = 0;
    }
    const qint64 excess = *m_outboxRows + adding - maxRows;
    if (excess <= 0)
        return 0;
    const int dropped =
        run(QStringLiteral("DELETE FROM push_outbox WHERE (topic_id, seq_id, token) IN"
                           " (SELECT topic_id, seq_id, token FROM push_outbox"
                           " ORDER BY created_at, seq_id LIMIT ?)"),
            {excess})
            .numRowsAffected();
    *m_outboxRows -= dropped;
    return dropped;
}

int SqlStorage::enqueuePushes(const QVector<PushRecord> &pushes, const QString &leaseHolder,
                              qint64 leaseUntilMs, int maxRows)
{
    if (pushes.isEmpty())
        return 0;
    m_outboxLimit = maxRows;
    // The pushes of a message a PostgreSQL batch stages are written with it, before the commit.
    if (m_sends && m_sends->isPrepared() &&
        m_sends->isStaged(pushes.constFirst().topicId, pushes.constFirst().seqId)) {
        for (const PushRecord &push : pushes)
            m_sends->stagePush({push, leaseHolder, leaseUntilMs});
        return 0; // what makes room for them is counted when they are written
    }
    // The pushes of a message this batch stages ride in its journal record; the outbox table
    // sees them only if they are still unsettled when the message reaches the tables.
    if (m_buffer) {
        const PushRecord &first = pushes.constFirst();
        if (PendingMessage *message = m_buffer->stagedMessage(first.topicId, first.seqId)) {
            for (const PushRecord &push : pushes)
                message->pushes.append({push, false, leaseHolder, leaseUntilMs});
            return 0;
        }
    }
    const int dropped = makeRoomInOutbox(int(pushes.size()), maxRows);
    for (const PushRecord &push : pushes)
        insertOutboxRow(push, leaseHolder.isEmpty() ? push.createdAtMs : leaseUntilMs, leaseHolder);
    return dropped;
}

void SqlStorage::insertOutboxRow(const PushRecord &push, qint64 nextAttemptMs,
                                 const QString &leaseHolder)
{
    const int inserted =
        run(QStringLiteral("INSERT INTO push_outbox (topic_id, seq_id, token, platform,"
                           " recipient_id, message, created_at, expires_at, next_attempt_at,"
                           " attempts, leased_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT DO NOTHING"),
            {push.topicId, push.seqId, push.token, push.platform, push.recipientId,
             QString::fromUtf8(push.messageJson), push.createdAtMs, push.expiresAtMs, nextAttemptMs,
             push.attempts,
             leaseHolder.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : leaseHolder})
            .numRowsAffected();
    if (m_outboxRows)
        *m_outboxRows += inserted;
    ++m_pushesSinceCount;
}

PushClaim SqlStorage::claimDuePushes(qint64 nowMs, const QString &leaseHolder, qint64 leaseUntilMs,
                                     int limit)
{
    PushClaim claim;
    claim.expired = run(QStringLiteral("DELETE FROM push_outbox WHERE expires_at <= ?"), {nowMs})
                        .numRowsAffected();
    if (m_outboxRows)
        *m_outboxRows -= claim.expired;
    // Several nodes claim from one outbox: a row one of them is leasing is skipped by the others.
    QSqlQuery &query =
        run(QStringLiteral(
                "SELECT topic_id, seq_id, token, platform, recipient_id, message, created_at,"
                " expires_at, attempts FROM push_outbox WHERE next_attempt_at <= ?"
                " ORDER BY next_attempt_at, created_at LIMIT ?") +
                (m_isSqlite ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED")),
            {nowMs, limit});
    while (query.next())
        claim.due.append({query.value(0).toString(), query.value(1).toLongLong(),
                          query.value(2).toString(), query.value(3).toString(),
                          query.value(4).toLongLong(), query.value(5).toString().toUtf8(),
                          query.value(6).toLongLong(), query.value(7).toLongLong(),
                          query.value(8).toInt()});
    query.finish();
    for (const PushRecord &push : claim.due)
        schedulePush(push, leaseUntilMs, leaseHolder);
    return claim;
}

int SqlStorage::settlePushes(const QVector<PushSettlement> &settlements)
{
    for (const PushSettlement &settlement : settlements) {
        const PushRecord &push = settlement.push;
        PendingPush *buffered =
            m_buffer ? m_buffer->unsettledPush(push.topicId, push.seqId, push.token) : nullptr;
        if (buffered)
            m_buffer->settle(*buffered); // no outbox row will be needed for it
        switch (settlement.kind) {
        case PushSettlement::Done:
            if (!buffered)
                deletePush(push);
            break;
        case PushSettlement::Retry:
        case PushSettlement::Release:
            if (buffered) {
                m_pushesDroppedUntold += makeRoomInOutbox(1, m_outboxLimit);
                insertOutboxRow(push, settlement.nextAttemptMs, QString());
            } else {
                schedulePush(push, settlement.nextAttemptMs, QString());
            }
            break;
        case PushSettlement::DropToken:
            forgetDeviceToken(push.token);
            break;
        case PushSettlement::ReplaceToken:
            if (!buffered)
                deletePush(push);
            replaceDeviceToken(push.token, settlement.newToken);
            break;
        }
    }
    if (m_buffer && !m_inBatch) // outside a transaction (tests, tools): its own journal append
        appendToJournal(prepareJournal());
    return std::exchange(m_pushesDroppedUntold, 0);
}

void SqlStorage::deletePush(const PushRecord &push)
{
    const int deleted = run(QStringLiteral("DELETE FROM push_outbox"
                                           " WHERE topic_id = ? AND seq_id = ? AND token = ?"),
                            {push.topicId, push.seqId, push.token})
                            .numRowsAffected();
    if (m_outboxRows)
        *m_outboxRows -= deleted;
}

void SqlStorage::schedulePush(const PushRecord &push, qint64 nextAttemptMs,
                              const QString &leaseHolder)
{
    run(QStringLiteral("UPDATE push_outbox SET next_attempt_at = ?, attempts = ?, leased_by = ?"
                       " WHERE topic_id = ? AND seq_id = ? AND token = ?"),
        {nextAttemptMs, push.attempts,
         leaseHolder.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : leaseHolder,
         push.topicId, push.seqId, push.token});
}

int SqlStorage::releaseOrphanLeases(qint64 nowMs)
{
    return run(QStringLiteral("UPDATE push_outbox SET leased_by = NULL,"
                              " next_attempt_at = CASE WHEN next_attempt_at < ?"
                              " THEN next_attempt_at ELSE ? END"
                              " WHERE leased_by IS NOT NULL AND leased_by NOT IN"
                              " (SELECT node_id FROM cluster_nodes)"),
               {nowMs, nowMs})
        .numRowsAffected();
}

} // namespace harajchat
