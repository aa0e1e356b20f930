#include "storage/SendBatch.h"

namespace harajchat {

void SendBatch::clear()
{
    m_prepared = false;
    topics.clear();
    earlierSends.clear();
    sessionNodes.clear();
    devices.clear();
    m_messages.clear();
    m_pushes.clear();
    m_events.clear();
    m_jobMessages = m_jobPushes = m_jobEvents = 0;
}

QString SendBatch::sendKey(const QString &topicId, qint64 fromId, const QString &clientMsgId)
{
    return topicId + QLatin1Char('\n') + QString::number(fromId) + QLatin1Char('\n') + clientMsgId;
}

void SendBatch::stage(Topic &topic, const StoredMessage &message, const QString &clientMsgId)
{
    topic.lastSeqId = std::max(topic.lastSeqId, message.seqId);
    m_messages.append({message, clientMsgId});
}

const SendBatch::StagedMessage *SendBatch::stagedSend(const QString &topicId, qint64 fromId,
                                                      const QString &clientMsgId) const
{
    for (const StagedMessage &staged : m_messages) {
        if (staged.message.fromId == fromId && staged.clientMsgId == clientMsgId &&
            staged.message.topicId == topicId)
            return &staged;
    }
    return nullptr;
}

bool SendBatch::isStaged(const QString &topicId, qint64 seqId) const
{
    for (const StagedMessage &staged : m_messages) {
        if (staged.message.seqId == seqId && staged.message.topicId == topicId)
            return true;
    }
    return false;
}

void SendBatch::beginJob()
{
    m_jobMessages = m_messages.size();
    m_jobPushes = m_pushes.size();
    m_jobEvents = m_events.size();
}

void SendBatch::dropJob()
{
    m_messages.resize(m_jobMessages);
    m_pushes.resize(m_jobPushes);
    m_events.resize(m_jobEvents);
    // The topics' counters follow what is still staged.
    for (Topic &topic : topics)
        topic.lastSeqId = topic.storedLastSeqId;
    for (const StagedMessage &staged : std::as_const(m_messages)) {
        Topic &topic = topics[staged.message.topicId];
        topic.lastSeqId = std::max(topic.lastSeqId, staged.message.seqId);
    }
}

} // namespace harajchat
