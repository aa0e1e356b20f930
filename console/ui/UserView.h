#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;

namespace harajchat::console {

class EventLogModel;
class SessionModel;

// One user at a glance: their sockets, whom they listen to, the recent events about them, and
// "send a packet to this user".
class UserView : public QWidget
{
    Q_OBJECT
public:
    UserView(SessionModel &sessions, EventLogModel &events, QWidget *parent = nullptr);

    void showUser(qint64 userId);
    qint64 userId() const { return m_userId; }
    int sessionCount() const;
    int eventCount() const;
    QString summaryText() const;
    QString listeningText() const;

signals:
    void composeRequested(qint64 userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSummary();

    SessionModel &m_sessions;
    QSortFilterProxyModel *m_userSessions;
    QSortFilterProxyModel *m_userEvents;
    QLabel *m_summary;
    QLabel *m_listening;
    QLabel *m_sessionsTitle;
    QLabel *m_eventsTitle;
    QPushButton *m_compose;
    qint64 m_userId = 0;
};

} // namespace harajchat::console
