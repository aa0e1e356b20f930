#pragma once

#include "storage/Storage.h"

#include <QHash>
#include <QSet>

namespace harajchat {

// One PostgreSQL batch's sends (SqlBatchedSends.cpp): what the batch's jobs declared is read (and
// its topic rows locked) at the start; messages, their pushes and the events they publish are
// staged, then written with a few statements for all of them right before the commit. Follows the
// storage transaction like MessageBuffer: a failed job's staged writes go, the batch's at its end.
class SendBatch
{
public:
    struct Topic
    {
        qint64 storedLastSeqId = 0; // as the locked row has it
        qint64 lastSeqId = 0;       // with the staged messages
        qint64 userA = 0;
        qint64 userB = 0;
    };
    struct StagedMessage
    {
        StoredMessage message;
        QString clientMsgId;
    };
    struct StagedPush
    {
        PushRecord record;
        QString leaseHolder;
        qint64 leaseUntilMs = 0;
    };

    void clear();
    bool isPrepared() const { return m_prepared; }
    void setPrepared() { m_prepared = true; }

    // Read at the start.
    QHash<QString, Topic> topics;
    // Earlier sends (topic, sender, client_msg_id) found in the tables.
    QHash<QString, StoredMessage> earlierSends;
    // The nodes holding sockets of each declared recipient.
    QHash<qint64, QSet<QString>> sessionNodes;
    QHash<qint64, QVector<DeviceRecord>> devices;
    static QString sendKey(const QString &topicId, qint64 fromId, const QString &clientMsgId);

    // Staged by the jobs.
    void stage(Topic &topic, const StoredMessage &message, const QString &clientMsgId);
    // The staged message a send from `fromId` with `clientMsgId` produced; null when none.
    const StagedMessage *stagedSend(const QString &topicId, qint64 fromId,
                                    const QString &clientMsgId) const;
    bool isStaged(const QString &topicId, qint64 seqId) const;
    void stagePush(const StagedPush &push) { m_pushes.append(push); }
    void stageEvent(const QByteArray &event) { m_events.append(event); }
    const QVector<StagedMessage> &messages() const { return m_messages; }
    const QVector<StagedPush> &pushes() const { return m_pushes; }
    const QVector<QByteArray> &events() const { return m_events; }

    void beginJob();
    // A failed job: what it staged goes.
    void dropJob();

private:
    bool m_prepared = false;
    QVector<StagedMessage> m_messages;
    QVector<StagedPush> m_pushes;
    QVector<QByteArray> m_events;
    qsizetype m_jobMessages = 0;
    qsizetype m_jobPushes = 0;
    qsizetype m_jobEvents = 0;
};

} // namespace harajchat
