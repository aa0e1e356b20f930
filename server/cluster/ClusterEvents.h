#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace harajchat {

class Storage;

// What nodes tell each other through PostgreSQL NOTIFY (docs/deployment.md): a line of text each,
// fields separated by one space, several lines (a batch's events, in commit order) to a
// notification. A packet travels as the very bytes the sockets receive, never parsed on the way.
//   P <user> <1|0>                         the cluster's verdict on a user changed
//   D <user> - <key> <packet JSON>         a packet for a user's sockets on every node; <key> is
//                                          <topic_id>:<seq_id> for a message packet, else -
//   D <user> <node> <key> <packet JSON>    the same, except on that node (it delivered already)
//   R <event id>                           an event too large for NOTIFY, stored in cluster_events
struct ClusterEvent
{
    enum Kind
    {
        Presence,
        Deliver,
        Reference
    } kind = Presence;
    qint64 userId = 0;
    bool online = false;
    QString exceptNode;    // for Deliver: the node that must not deliver it
    QByteArray messageKey; // for Deliver of a message packet: <topic_id>:<seq_id>
    QByteArray packet;     // compact JSON, for Deliver
    QString eventId;       // for Reference
};

QByteArray presenceEvent(qint64 userId, bool online);
QByteArray deliverEvent(qint64 userId, const QByteArray &packet, const QString &exceptNode = {},
                        const QByteArray &messageKey = {});
QByteArray messageKey(const QString &topicId, qint64 seqId);
QByteArray referenceEvent(const QString &eventId);
std::optional<ClusterEvent> parseClusterEvent(const QByteArray &json);

// These run inside storage jobs; what they publish reaches the nodes once the job's transaction
// commits. `nodeId` empty (one node, no cluster): they do nothing and return false.
//
// For packets that report stored state (message, reads): when the user holds sockets anywhere
// (`onThisNode` as the caller saw it, or on other nodes), publishes the packet to every node, this
// one included, so that all nodes deliver a topic's packets in commit order. True when it did: the
// caller must then not deliver the packet itself.
// `messageKey`: for a message packet, so a node that missed it can tell it from what it delivered.
bool publishDelivery(Storage &storage, const QString &nodeId, qint64 userId,
                     const QByteArray &packet, bool onThisNode, const QByteArray &messageKey = {});
// For packets without state (typing, an operator's packet) this node delivered already: publishes
// to the other nodes when they hold sockets of the user.
bool publishToOtherNodes(Storage &storage, const QString &nodeId, qint64 userId,
                         const QByteArray &packet);

} // namespace harajchat
