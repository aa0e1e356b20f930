#pragma once

#include <QString>
#include <QVector>
#include <optional>
#include <stdexcept>

namespace harajchat {

struct UserRecord
{
    qint64 id = 0;
    QString name;
    QString passwordHash; // empty for users that only authenticate with JWT
};

struct TopicSummary
{
    QString topicId;
    qint64 peerId = 0;
    QString peerName;
    qint64 lastActivityMs = 0;
};

// Thrown by a storage implementation when the database fails; the job's transaction is rolled back
// and the caller answers 500.
class StorageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The one interface to persistent state. SQL dialects live behind it: nothing above it may assume
// which database is in use. All calls happen on the storage thread (see StorageQueue).
class Storage
{
public:
    virtual ~Storage() = default;

    virtual void migrate() = 0;
    virtual void beginBatch() = 0;
    virtual void commitBatch() = 0;
    virtual void rollbackBatch() = 0;
    // A savepoint isolates one job inside a batch: a failing job leaves the others intact.
    virtual void beginJob() = 0;
    virtual void endJob(bool keep) = 0;

    virtual void checkHealth() = 0;

    // Users. insertUser returns nullopt when the name (password users) or the id is taken.
    virtual std::optional<qint64> insertUser(std::optional<qint64> id, const QString &name,
                                             const QString &passwordHash) = 0;
    virtual void upsertUser(qint64 id, const QString &name) = 0;
    virtual std::optional<UserRecord> userById(qint64 id) = 0;
    virtual std::optional<UserRecord> userByName(const QString &name) = 0;

    // Local access tokens, stored as hashes only.
    virtual void insertAccessToken(const QByteArray &tokenHash, qint64 userId) = 0;
    virtual std::optional<qint64> userForAccessToken(const QByteArray &tokenHash) = 0;
    virtual bool deleteAccessToken(const QByteArray &tokenHash) = 0;

    // p2p topics between two distinct users; ensureTopic returns true when it created one.
    virtual bool ensureTopic(qint64 userA, qint64 userB) = 0;
    virtual bool topicExists(qint64 userA, qint64 userB) = 0;
    virtual QVector<TopicSummary> topicsOf(qint64 userId) = 0;
};

} // namespace harajchat
