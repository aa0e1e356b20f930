#pragma once

#include "storage/MessageJournal.h"

#include <QHash>
#include <map>
#include <unordered_map>

namespace harajchat {

// A topic with messages on their way to the database's tables.
struct PendingTopic
{
    qint64 lastSeqId = 0;             // the topic row's, counting the buffered and staged messages
    QVector<PendingMessage> messages; // in the journal, oldest first; newer than any in the tables
    int staged = 0;                   // this topic's messages among the open batch's
};

// The memory half of the message journal (SQLite only): messages sit here, and in the journal,
// until they reach the database's tables in bulks far larger than the number of active topics, so
// each table and index page is written once for many messages. Reads merge these messages in.
//
// Mirrors the storage transaction: a send stages its message, which joins the buffer once the
// batch's journal append is on disk; messages taken out for the tables come back if the batch (or
// the job's savepoint) rolls back. Used on the storage thread only.
class MessageBuffer
{
public:
    PendingTopic *topic(const QString &topicId);
    PendingTopic &addTopic(const QString &topicId, qint64 lastSeqId);
    // The message, staged or journaled, a send from `fromId` with `clientMsgId` produced.
    PendingMessage *withClientMsgId(const QString &topicId, qint64 fromId,
                                    const QString &clientMsgId);
    bool isStaged(const PendingMessage *message) const;
    // The message this batch staged, or null.
    PendingMessage *stagedMessage(const QString &topicId, qint64 seqId);
    // An unsettled push of a journaled message; null when its message is not buffered (any more)
    // or the push is settled.
    PendingPush *unsettledPush(const QString &topicId, qint64 seqId, const QString &token);
    // Settles it in this batch: its record goes with the batch's journal append, and a rollback
    // unsettles it.
    void settle(PendingPush &push);
    const QVector<SettledPush> &settledInBatch() const { return m_settled; }
    // The journaled messages of a topic, oldest first; staged ones are not visible to reads.
    const QVector<PendingMessage> *journaled(const QString &topicId) const;

    // The open batch. `topic` is the message's, from topic() or addTopic().
    void stage(PendingTopic &topic, const PendingMessage &message);
    const QVector<PendingMessage> &staged() const { return m_staged; }
    // The staged messages are in journal file `journalFile`: they join the buffer.
    void commitStaged(int journalFile);
    void beginJob();
    void endJob(bool keep);
    // The batch committed: what was taken is in the tables for good.
    void forgetTaken();
    // The batch rolled back: staged messages go, taken ones come back.
    void rollBack();

    // Takes a topic's journaled messages out, to be written to the tables.
    QVector<PendingMessage> take(const QString &topicId);
    // Takes whole topics, the one with the oldest message first, until at least `atLeast`
    // messages (or all there are): a topic's buffered messages stay newer than its table rows.
    QVector<PendingMessage> takeOldest(qsizetype atLeast);
    // The oldest journaled message; null when none.
    const PendingMessage *oldest() const;
    int size() const { return m_size; }
    int countInFile(int journalFile) const { return m_inFile[journalFile]; }

private:
    void restore(const QString &topicId, PendingTopic taken);
    void dropIfIdle(const QString &topicId);
    void unstageLast();
    PendingPush *findPush(const QString &topicId, qint64 seqId, const QString &token);
    // Unsettles what this batch settled beyond the first `keep`.
    void unsettleFrom(qsizetype keep);
    void count(const QVector<PendingMessage> &messages, int sign);

    std::unordered_map<QString, PendingTopic> m_topics;
    std::map<quint64, QString> m_order; // a topic per its oldest message's serial
    QVector<PendingMessage> m_staged;
    QVector<PendingTopic *> m_stagedTopics; // each staged message's (kept while it has any staged)
    QVector<QPair<QString, PendingTopic>> m_taken; // this batch's, oldest first
    QVector<SettledPush> m_settled;                // this batch's
    qsizetype m_jobStaged = 0;
    qsizetype m_jobTaken = 0;
    qsizetype m_jobSettled = 0;
    quint64 m_lastSerial = 0;
    int m_size = 0;
    int m_inFile[MessageJournal::FileCount] = {};
};

} // namespace harajchat
