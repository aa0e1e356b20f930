#pragma once

#include "client/AdminClient.h"
#include "models/CounterHistory.h"
#include "models/EventLogModel.h"
#include "models/OnlineUsersModel.h"
#include "models/SessionModel.h"

#include <QDateTime>
#include <QHash>
#include <QMainWindow>

class QActionGroup;
class QLabel;
class QListView;
class QMenu;
class QTabWidget;

namespace harajchat::console {

class ChartsPanel;
class CountersPanel;
class EventLogView;
class Language;
class PacketComposer;
class SessionsView;
class UserView;

// The console: sessions, presence, events and the packet composer around one admin connection.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Language &language, QWidget *parent = nullptr);

    // The URL, and the token if asked, are remembered once the daemon accepts the token.
    void connectTo(const QUrl &url, const QString &token, bool rememberToken = false);

    AdminClient &client() { return m_client; }
    SessionModel &sessions() { return m_sessions; }
    EventLogModel &events() { return m_events; }
    SessionsView &sessionsView() { return *m_sessionsView; }
    EventLogView &eventLogView() { return *m_eventLogView; }
    PacketComposer &composer() { return *m_composer; }
    CountersPanel &counters() { return *m_counters; }
    CounterHistory &counterHistory() { return m_history; }
    OnlineUsersModel &onlineUsers() { return m_onlineUsers; }
    QTabWidget &tabs() { return *m_tabs; }
    UserView &userView() { return *m_userView; }
    // Opens the user view on the user.
    void showUser(qint64 userId);
    // Opens the composer with the user as its target.
    void composeFor(qint64 userId);
    QString connectionText() const;
    // False while the shown sessions, users and counters are no longer kept up to date.
    bool isLive() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void createTabs();
    void createActions();
    void showConnectIcon();
    void wireClient();
    void showConnectDialog();
    void showState();
    void updateConnectionUi();
    void showCounters(const admin::Counters &counters);
    void showCommandResult(const QString &id, bool ok, const QString &error, int sockets);
    void retranslate();
    void resetPresence(const QList<qint64> &online);
    void setOnline(qint64 userId, bool online);
    void showOnlineCount();

    Language &m_language;
    AdminClient m_client;
    SessionModel m_sessions;
    EventLogModel m_events;
    CounterHistory m_history;
    QTabWidget *m_tabs;
    SessionsView *m_sessionsView;
    OnlineUsersModel m_onlineUsers;
    QListView *m_presence;
    EventLogView *m_eventLogView;
    PacketComposer *m_composer;
    ChartsPanel *m_charts;
    UserView *m_userView;
    CountersPanel *m_counters;
    QLabel *m_stateLabel;
    QLabel *m_staleNotice;
    QDateTime m_dataTime; // when the shown data was last known current
    QAction *m_connectAction;
    QAction *m_disconnectAction;
    QMenu *m_languageMenu;
    QActionGroup *m_languages;
    int m_commandCount = 0;
    bool m_rememberToken = false;
    QHash<QString, qint64> m_sendTargets; // send_packet ids waiting for their result: user id
};

} // namespace harajchat::console
