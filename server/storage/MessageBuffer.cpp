#include "storage/MessageBuffer.h"

#include <algorithm>

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

PendingMessage *MessageBuffer::stagedMessage(const QString &topicId, qint64 seqId)
{
    for (PendingMessage &message : m_staged) {
        if (message.message.seqId == seqId && message.message.topicId == topicId)
            return &message;
    }
    return nullptr;
}

PendingPush *MessageBuffer::findPush(const QString &topicId, qint64 seqId, const QString &token)
{
    PendingTopic *pending = topic(topicId);
    if (!pending)
        return nullptr;
    // A topic's messages are in seq_id order.
    const auto message = std::lower_bound(
        pending->messages.begin(), pending->messages.end(), seqId,
        [](const PendingMessage &candidate, qint64 id) { return candidate.message.seqId < id; });
    if (message == pending->messages.end() || message->message.seqId != seqId)
        return nullptr;
    for (PendingPush &push : message->pushes) {
        if (push.record.token == token)
            return &push;
    }
    return nullptr;
}

PendingPush *MessageBuffer::unsettledPush(const QString &topicId, qint64 seqId,
                                          const QString &token)
{
    PendingPush *push = findPush(topicId, seqId, token);
    return push && !push->settled ? push : nullptr;
}

void MessageBuffer::settle(PendingPush &push)
{
    push.settled = true;
    m_settled.append({push.record.topicId, push.record.seqId, push.record.token});
}

void MessageBuffer::unsettleFrom(qsizetype keep)
{
    while (m_settled.size() > keep) {
        const SettledPush settled = m_settled.takeLast();
        if (PendingPush *push = findPush(settled.topicId, settled.seqId, settled.token))
            push->settled = false;
    }
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
    m_settled.clear();
    m_jobStaged = 0;
    m_jobSettled = 0;
}

void MessageBuffer::beginJob()
{
    m_jobStaged = m_staged.size();
    m_jobTaken = m_taken.size();
    m_jobSettled = m_settled.size();
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
    unsettleFrom(m_jobSettled); // after the restore: the marks are found where they were made
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
    m_jobSettled = 0;
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
