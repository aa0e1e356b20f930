#pragma once

#include "storage/Storage.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace harajchat {

struct StorageSettings
{
    QString driver = QStringLiteral("sqlite");
    QString path; // the SQLite file
    QString sqliteSynchronous = QStringLiteral("FULL");
};

// Storage over Qt SQL in portable SQL (ON CONFLICT, savepoints, BIGINT): SQLite today,
// PostgreSQL next. Owned by, and used only on, the thread that constructed it.
class SqlStorage final : public Storage
{
public:
    explicit SqlStorage(const StorageSettings &settings);
    ~SqlStorage() override;
    SqlStorage(const SqlStorage &) = delete;
    SqlStorage &operator=(const SqlStorage &) = delete;

    void migrate() override;
    void beginBatch() override;
    void commitBatch() override;
    void rollbackBatch() override;
    void beginJob() override;
    void endJob(bool keep) override;
    void checkHealth() override;

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

    MessageInsert insertMessage(const QString &topicId, qint64 fromId,
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

    int enqueuePushes(const QVector<PushRecord> &pushes, int maxRows) override;
    PushClaim claimDuePushes(qint64 nowMs, qint64 leaseUntilMs, int limit) override;
    void completePush(const PushRecord &push) override;
    void reschedulePush(const PushRecord &push, qint64 nextAttemptMs) override;

private:
    void open(const StorageSettings &settings);
    int schemaVersion();
    void execute(const QString &sql);
    // Runs a cached prepared statement with positional bindings.
    QSqlQuery &run(const QString &sql, const QVariantList &bindings = {});
    std::optional<UserRecord> userWhere(const QString &condition, const QVariant &value);
    QVector<StoredMessage> messagesWhere(const QString &condition, const QVariantList &bindings);
    QVector<qint64> seqIdsOf(QSqlQuery &query);

    QString m_connectionName;
    bool m_isSqlite = true;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace harajchat
