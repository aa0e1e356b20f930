#pragma once

#include <QString>
#include <QVector>
#include <limits>
#include <optional>
#include <stdexcept>

namespace harajchat {

struct UserRecord
{
    qint64 id = 0;
    QString name;
    QString passwordHash; // empty for users that only authenticate with JWT
};

struct StoredMessage
{
    QString topicId;
    qint64 seqId = 0;
    qint64 fromId = 0;
    QString fromName;
    QByteArray contentJson; // compact JSON object, as received
    qint64 createdAtMs = 0;
    bool read = false;
};

struct TopicSummary
{
    QString topicId;
    qint64 peerId = 0;
    QString peerName;
    qint64 lastActivityMs = 0;
    std::optional<StoredMessage> lastMessage;
    int unread = 0; // the peer's messages the user has not read
};

struct MessageInsert
{
    enum Outcome
    {
        Stored,
        Duplicate,
        NoTopic
    } outcome = NoTopic;
    StoredMessage message; // the new one, or the first one for a Duplicate
};

struct DeviceRecord
{
    QString token;
    qint64 userId = 0;
    QString platform; // "android" or "ios"
};

// Names one push: a message and a device.
inline QString pushKey(const QString &topicId, qint64 seqId, const QString &token)
{
    return topicId + QLatin1Char(':') + QString::number(seqId) + QLatin1Char(':') + token;
}

// One push waiting in the outbox: a message for one device.
struct PushRecord
{
    QString topicId;
    qint64 seqId = 0;
    QString token;
    QString platform;
    qint64 recipientId = 0;
    QByteArray messageJson; // the message object (xdata) as the socket would have carried it
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;
    int attempts = 0;

    QString key() const { return pushKey(topicId, seqId, token); }
};

struct PushClaim
{
    QVector<PushRecord> due;
    int expired = 0; // removed because their time to live ran out
};

// What became of a push that was sent, for the outbox.
struct PushSettlement
{
    enum Kind
    {
        Done,         // accepted by FCM, or refused for good: the push goes
        Retry,        // tried again at `nextAttemptMs`, `push.attempts` counting this one
        Release,      // not sent (a full queue, a stop): due again at `nextAttemptMs`
        DropToken,    // the device token is dead: it goes, with every push waiting for it
        ReplaceToken, // delivered; the device has a new token, `newToken`
    } kind = Done;
    PushRecord push;
    qint64 nextAttemptMs = 0;
    QString newToken;
};

// Which messages a history call returns: both bounds exclusive, newest first.
struct HistoryQuery
{
    qint64 before = std::numeric_limits<qint64>::max();
    qint64 since = 0;
    int limit = 50;
};

// What a job will touch, declared when it is submitted. A batch reads and locks what all its jobs
// declared at its start, in one statement and in one order on every node (PostgreSQL), so nodes
// writing the same topics never deadlock on them, and sends cost no round trip of their own.
struct JobIntent
{
    QString topicId; // the topic the job writes (a message, read marks)
    // A send also names its sender's client_msg_id (empty: none) and its recipient.
    qint64 fromId = 0;
    QString clientMsgId;
    qint64 recipientId = 0;
};

// Thrown by a storage implementation when the database fails; the job's transaction is rolled back
// and the caller answers 500.
class StorageError : public std::runtime_error
{
public:
    explicit StorageError(const std::string &what, bool transient = false)
        : std::runtime_error(what)
        , m_transient(transient)
    {}
    // A conflict with another node's transaction (deadlock, serialization): worth one more try.
    bool isTransient() const { return m_transient; }

private:
    bool m_transient;
};

// The one interface to persistent state. SQL dialects live behind it: nothing above it may assume
// which database is in use. All calls happen on the storage thread (see StorageQueue).
class Storage
{
public:
    virtual ~Storage() = default;

    virtual void migrate() = 0;
    virtual void beginBatch() = 0;
    // Right after beginBatch, with what the batch's jobs declared (none: not called).
    virtual void prepareBatch(const QVector<JobIntent> &intents) = 0;
    virtual void commitBatch() = 0;
    virtual void rollbackBatch() = 0;
    // A job is isolated inside its batch (a savepoint, taken at its first statement): a failing job
    // leaves the others intact.
    virtual void beginJob() = 0;
    virtual void endJob(bool keep) = 0;

    virtual void checkHealth() = 0;
    // Writes accepted (durably) but not yet in their final tables: a commit moves them on.
    virtual bool hasDeferredWrites() const = 0;

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
    // Newest activity first, with each topic's last message and the user's unread count.
    virtual QVector<TopicSummary> topicsOf(qint64 userId) = 0;

    // Messages. insertMessage assigns seq_id = max(nowMs, last seq_id of the topic + 1). A
    // non-empty clientMsgId seen from the same sender in the topic since `dedupeSinceMs` returns
    // that message.
    // `fromName` is the sender's stored name, as their authentication found it.
    virtual MessageInsert insertMessage(const QString &topicId, qint64 fromId,
                                        const QString &fromName, const QByteArray &contentJson,
                                        const QString &clientMsgId, qint64 nowMs,
                                        qint64 dedupeSinceMs) = 0;
    virtual QVector<StoredMessage> history(const QString &topicId, const HistoryQuery &query) = 0;
    // Marks the given (or all up to `upTo`) messages of `senderId` read; returns those that
    // changed, ascending.
    virtual QVector<qint64> markRead(const QString &topicId, qint64 senderId,
                                     const QVector<qint64> &seqIds, qint64 nowMs) = 0;
    virtual QVector<qint64> markReadUpTo(const QString &topicId, qint64 senderId, qint64 upTo,
                                         qint64 nowMs) = 0;

    // Devices. upsertDevice moves a token to `userId`; deleteDevice only removes the user's own.
    virtual void upsertDevice(const QString &token, qint64 userId, const QString &platform) = 0;
    virtual bool deleteDevice(const QString &token, qint64 userId) = 0;
    virtual QVector<DeviceRecord> devicesOf(qint64 userId) = 0;
    virtual void forgetDeviceToken(const QString &token) = 0;
    virtual void replaceDeviceToken(const QString &oldToken, const QString &newToken) = 0;

    // Push outbox. enqueuePushes keeps at most maxRows, dropping the oldest, and returns how many
    // it dropped; with a `leaseHolder` the new rows are leased to it until `leaseUntilMs` (they are
    // being sent). claimDuePushes hands out due pushes, leased likewise. A lease whose holder is no
    // registered cluster node (on SQLite: any, at start) is released by releaseOrphanLeases.
    virtual int enqueuePushes(const QVector<PushRecord> &pushes, const QString &leaseHolder,
                              qint64 leaseUntilMs, int maxRows) = 0;
    virtual PushClaim claimDuePushes(qint64 nowMs, const QString &leaseHolder, qint64 leaseUntilMs,
                                     int limit) = 0;
    // Returns how many older pushes were dropped since the last call to make room for rows (a
    // retry, or a buffered message's pushes reaching the table).
    virtual int settlePushes(const QVector<PushSettlement> &settlements) = 0;
    virtual int releaseOrphanLeases(qint64 nowMs) = 0;

    // Cluster state, for nodes sharing one PostgreSQL database (server/cluster/). Presence changes
    // of a user are serialized across nodes; published events reach every node after the commit.
    // Registers or refreshes the node; false when its row was missing (new, or presumed dead).
    virtual bool heartbeat(const QString &nodeId, qint64 nowMs) = 0;
    // Forgets nodes silent since `cutoffMs`; returns the users left with no socket anywhere.
    virtual QVector<qint64> reapNodes(qint64 cutoffMs) = 0;
    // Forgets one node (it is stopping); returns the users left with no socket anywhere.
    virtual QVector<qint64> leaveCluster(const QString &nodeId) = 0;
    // True when the user had no socket on any node before.
    virtual bool addNodeSession(const QString &nodeId, qint64 userId) = 0;
    // True when the user has no socket on any node now.
    virtual bool removeNodeSession(const QString &nodeId, qint64 userId) = 0;
    virtual bool hasSessionsElsewhere(const QString &nodeId, qint64 userId) = 0;
    // Makes the node's recorded sessions exactly `usersHere` (after records failed, say during a
    // database outage); returns the users whose state changed cluster-wide, and how (true:
    // online).
    virtual QVector<QPair<qint64, bool>> syncNodeSessions(const QString &nodeId,
                                                          const QVector<qint64> &usersHere) = 0;
    // Messages from `seqIdFrom` on whose recipient is one of `recipients`, oldest first per topic:
    // what a node whose notifications were cut may have missed.
    virtual QVector<StoredMessage> messagesTo(const QVector<qint64> &recipients,
                                              qint64 seqIdFrom) = 0;
    // Users with a socket on some node.
    virtual QVector<qint64> usersOnline() = 0;
    // Sends an event to every node's bus when the transaction commits. Events larger than a
    // notification can carry are stored, and a reference to them is sent instead.
    virtual void publish(const QByteArray &event) = 0;
    virtual QByteArray storedEvent(const QString &eventId) = 0;
};

} // namespace harajchat
