#include "storage/MessageBuffer.h"

namespace harajchat {

PendingTopic *MessageBuffer::topic(const QString &topicId)
{
    const auto found = m_topics.find(topicId);
    return found == m_topics.end() ? nullptr : &found->second;
}

PendingTopic &MessageBuffer::addTopic(const QString &topicId, qint64 lastSeqId)
{
    PendingTopic &topic = m_topics[topicId];
    topic.lastSeqId = lastSeqId;
    return topic;
}

PendingMessage *MessageBuffer::withClientMsgId(const QString &topicId, qint64 fromId,
                                               const QString &clientMsgId)
{
    PendingTopic *pending = topic(topicId);
    if (!pending)
        return nullptr;
    const auto sentIt = [&](const PendingMessage &message) {
        return message.message.fromId == fromId && message.clientMsgId == clientMsgId &&
               message.message.topicId == topicId;
    };
    for (PendingMessage &message : pending->messages) {
        if (sentIt(message))
            return &message;
    }
    for (PendingMessage &message : m_staged) {
        if (sentIt(message))
            return &message;
    }
    return nullptr;
}

bool MessageBuffer::isStaged(const PendingMessage *message) const
{
    return !m_staged.isEmpty() && message >= m_staged.constData() &&
           message < m_staged.constData() + m_staged.size();
}

const QVector<PendingMessage> *MessageBuffer::journaled(const QString &topicId) const
{
    const auto found = m_topics.find(topicId);
    return found == m_topics.end() ? nullptr : &found->second.messages;
}

void MessageBuffer::stage(PendingTopic &topic, const PendingMessage &message)
{
    topic.lastSeqId = std::max(topic.lastSeqId, message.message.seqId);
    ++topic.staged;
    m_staged.append(message);
    m_stagedTopics.append(&topic);
}

void MessageBuffer::commitStaged(int journalFile)
{
    for (qsizetype i = 0; i < m_staged.size(); ++i) {
        PendingMessage &message = m_staged[i];
        message.journalFile = journalFile;
        message.serial = ++m_lastSerial;
        PendingTopic &pending = *m_stagedTopics.at(i);
        --pending.staged;
        if (pending.messages.isEmpty())
            m_order.emplace(message.serial, message.message.topicId);
        pending.messages.append(message);
    }
    count(m_staged, 1);
    m_staged.clear();
    m_stagedTopics.clear();
    m_jobStaged = 0;
}

void MessageBuffer::beginJob()
{
    m_jobStaged = m_staged.size();
    m_jobTaken = m_taken.size();
}

void MessageBuffer::endJob(bool keep)
{
    if (keep)
        return;
    while (m_staged.size() > m_jobStaged)
        unstageLast();
    while (m_taken.size() > m_jobTaken) {
        auto [topicId, taken] = m_taken.takeLast();
        restore(topicId, std::move(taken));
    }
}

void MessageBuffer::forgetTaken()
{
    m_taken.clear();
    m_jobTaken = 0;
}

void MessageBuffer::rollBack()
{
    m_jobStaged = 0;
    m_jobTaken = 0;
    endJob(false);
}

QVector<PendingMessage> MessageBuffer::take(const QString &topicId)
{
    PendingTopic *pending = topic(topicId);
    if (!pending || pending->messages.isEmpty())
        return {};
    const QVector<PendingMessage> messages = pending->messages;
    m_order.erase(messages.constFirst().serial);
    count(messages, -1);
    m_taken.append({topicId, *pending});
    pending->messages.clear();
    dropIfIdle(topicId);
    return messages;
}

QVector<PendingMessage> MessageBuffer::takeOldest(qsizetype atLeast)
{
    QVector<PendingMessage> taken;
    while (taken.size() < atLeast && !m_order.empty()) {
        const QString topicId = m_order.begin()->second; // a copy: take() erases the entry
        taken += take(topicId);
    }
    return taken;
}

const PendingMessage *MessageBuffer::oldest() const
{
    return m_order.empty() ? nullptr : &m_topics.at(m_order.begin()->second).messages.constFirst();
}

void MessageBuffer::restore(const QString &topicId, PendingTopic taken)
{
    count(taken.messages, 1);
    m_order.emplace(taken.messages.constFirst().serial, topicId);
    PendingTopic &pending = m_topics[topicId];
    // Staged messages may have come since: their counter and seq ids stand.
    taken.staged = pending.staged;
    taken.lastSeqId = std::max(taken.lastSeqId, pending.lastSeqId);
    pending = std::move(taken);
}

void MessageBuffer::dropIfIdle(const QString &topicId)
{
    const auto found = m_topics.find(topicId);
    if (found != m_topics.end() && found->second.messages.isEmpty() && found->second.staged == 0)
        m_topics.erase(found);
}

void MessageBuffer::unstageLast()
{
    const QString topicId = m_staged.takeLast().message.topicId;
    --m_stagedTopics.takeLast()->staged;
    dropIfIdle(topicId);
}

void MessageBuffer::count(const QVector<PendingMessage> &messages, int sign)
{
    m_size += sign * int(messages.size());
    for (const PendingMessage &message : messages)
        m_inFile[message.journalFile] += sign;
}

} // namespace harajchat
