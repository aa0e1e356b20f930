#pragma once

#include <QHash>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>

namespace harajchat {

class PresenceRegistry;

// Who is typing in which topic (docs/protocol.md "Typing"). `pres typing` goes to the peer's
// sockets on every call; `pres stop_typing` follows exactly once: on request, after the timeout
// since the last `typing`, when the typer's last socket closes, or right before their next message.
class TypingTracker : public QObject
{
    Q_OBJECT
public:
    TypingTracker(PresenceRegistry &presence, qint64 timeoutMs, QObject *parent = nullptr);

    void startTyping(qint64 userId, const QString &topicId, qint64 peerId);
    // Sends stop_typing when the user is marked typing in the topic; otherwise nothing.
    void stopTyping(qint64 userId, const QString &topicId);
    void stopAllOf(qint64 userId);

private:
    using Key = QPair<qint64, QString>;
    struct Entry
    {
        qint64 peerId = 0;
        QTimer *timer = nullptr; // child of the tracker
    };

    PresenceRegistry &m_presence;
    qint64 m_timeoutMs;
    QHash<Key, Entry> m_typing;
};

} // namespace harajchat
