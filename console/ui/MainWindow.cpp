#include "ui/MainWindow.h"

#include "app/Bidi.h"
#include "app/Language.h"
#include "ui/ChartsPanel.h"
#include "ui/ConnectDialog.h"
#include "ui/CountersPanel.h"
#include "ui/EventLogView.h"
#include "ui/Icons.h"
#include "ui/PacketComposer.h"
#include "ui/SessionsView.h"
#include "ui/UserView.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace harajchat::console {

MainWindow::MainWindow(Language &language, QWidget *parent)
    : QMainWindow(parent)
    , m_language(language)
    , m_tabs(new QTabWidget)
    , m_sessionsView(new SessionsView(m_sessions))
    , m_onlineUsers(m_sessions)
    , m_presence(new QListView)
    , m_eventLogView(new EventLogView(m_events))
    , m_composer(new PacketComposer)
    , m_charts(new ChartsPanel(m_history))
    , m_userView(new UserView(m_sessions, m_events))
    , m_counters(new CountersPanel)
    , m_stateLabel(new QLabel)
    , m_staleNotice(new QLabel)
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/harajchat.svg")));
    createTabs();
    auto *countersDock = new QDockWidget;
    countersDock->setObjectName(QStringLiteral("counters"));
    countersDock->setWidget(m_counters);
    countersDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, countersDock);
    statusBar()->addPermanentWidget(m_stateLabel);
    createActions();
    showConnectIcon();
    wireClient();
    retranslate();
    updateConnectionUi();
    resize(1100, 650);
}

// The views as tabs, under the notice that shows while their data is not live.
void MainWindow::createTabs()
{
    m_presence->setModel(&m_onlineUsers);
    m_presence->setUniformItemSizes(true);
    m_presence->setLayoutDirection(Qt::LeftToRight); // "id  name", as in the sessions table
    // Names for the pictures of docs/console/.
    m_sessionsView->setObjectName(QStringLiteral("sessions"));
    m_presence->setObjectName(QStringLiteral("online-users"));
    m_eventLogView->setObjectName(QStringLiteral("events"));
    m_composer->setObjectName(QStringLiteral("composer"));
    m_charts->setObjectName(QStringLiteral("charts"));
    m_userView->setObjectName(QStringLiteral("user"));
    m_tabs->addTab(m_sessionsView, QString());
    m_tabs->addTab(m_presence, QString());
    m_tabs->addTab(m_eventLogView, QString());
    m_tabs->addTab(m_composer, QString());
    m_tabs->addTab(m_charts, QString());
    m_tabs->addTab(m_userView, QString());
    m_staleNotice->setObjectName(QStringLiteral("staleNotice"));
    m_staleNotice->setStyleSheet(
        QStringLiteral("background: #fff3cd; color: #664d03; padding: 4px"));
    m_staleNotice->setWordWrap(true);
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_staleNotice);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
}

void MainWindow::createActions()
{
    m_connectAction = new QAction(this);
    m_disconnectAction =
        new QAction(QIcon(QStringLiteral(":/icons/disconnect.svg")), QString(), this);
    m_connectAction->setObjectName(QStringLiteral("connect"));
    m_disconnectAction->setObjectName(QStringLiteral("disconnect"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);
    connect(m_disconnectAction, &QAction::triggered, &m_client, &AdminClient::disconnectFromServer);
    QToolBar *toolbar = addToolBar(QString());
    toolbar->setObjectName(QStringLiteral("main"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_connectAction);
    toolbar->addAction(m_disconnectAction);

    m_languageMenu = menuBar()->addMenu(QString());
    m_languages = new QActionGroup(this);
    for (const QString &code : {Language::System, QStringLiteral("en"), QStringLiteral("ar")}) {
        QAction *action = m_languageMenu->addAction(QString());
        action->setCheckable(true);
        action->setData(code);
        action->setChecked(m_language.choice() == code);
        m_languages->addAction(action);
    }
    connect(m_languages, &QActionGroup::triggered, this,
            [this](QAction *action) { m_language.choose(action->data().toString()); });
}

void MainWindow::showConnectIcon()
{
    m_connectAction->setIcon(
        directionalIcon(QStringLiteral(":/icons/connect.svg"), layoutDirection()));
}

void MainWindow::wireClient()
{
    connect(&m_client, &AdminClient::stateChanged, this, &MainWindow::showState);
    connect(&m_client, &AdminClient::snapshotReceived, this,
            [this](const QList<admin::SessionInfo> &sessions, const QList<qint64> &online,
                   const admin::Counters &counters) {
                m_sessions.reset(sessions);
                resetPresence(online);
                showCounters(counters);
                m_events.append(tr("Connected: %Ln session(s)", nullptr, int(sessions.size())));
            });
    connect(&m_client, &AdminClient::sessionOpened, this,
            [this](const admin::SessionInfo &session) {
                m_sessions.upsert(session);
                m_events.append(
                    tr("Session %1 opened from %2").arg(session.sessionId).arg(session.remote));
            });
    connect(&m_client, &AdminClient::sessionUpdated, this,
            [this](const admin::SessionInfo &session) {
                // Updates also come when what the session listens to changes: no news then.
                const int row = m_sessions.rowOf(session.sessionId);
                const bool authenticated =
                    session.userId != 0 &&
                    (row < 0 || m_sessions.sessionAt(row).userId != session.userId);
                m_sessions.upsert(session);
                if (authenticated)
                    m_events.append(tr("Session %1 is user %2 (%3)")
                                        .arg(session.sessionId)
                                        .arg(session.userId)
                                        .arg(session.name),
                                    session.userId);
            });
    connect(&m_client, &AdminClient::sessionClosed, this, [this](quint64 sessionId) {
        const int row = m_sessions.rowOf(sessionId);
        const qint64 userId = row < 0 ? 0 : m_sessions.sessionAt(row).userId;
        m_sessions.remove(sessionId);
        m_events.append(tr("Session %1 closed").arg(sessionId), userId);
    });
    connect(&m_client, &AdminClient::presenceChanged, this, &MainWindow::setOnline);
    connect(
        &m_client, &AdminClient::packetDelivered, this,
        [this](qint64 userId, int sockets, const QJsonObject &packet) {
            const QString json = leftToRight(
                QString::fromUtf8(QJsonDocument(packet).toJson(QJsonDocument::Compact)));
            m_events.append(
                userId == 0
                    ? tr("Presence to %Ln listener(s): %1", nullptr, sockets).arg(json)
                    : tr("To user %1 on %Ln socket(s): %2", nullptr, sockets).arg(userId).arg(json),
                userId);
        });
    connect(&m_client, &AdminClient::countersChanged, this, &MainWindow::showCounters);
    connect(&m_client, &AdminClient::commandFinished, this, &MainWindow::showCommandResult);
    connect(m_composer, &PacketComposer::sendRequested, this,
            [this](qint64 userId, const QJsonObject &packet) {
                const QString id = QStringLiteral("send-%1").arg(++m_commandCount);
                m_sendTargets.insert(id, userId);
                m_client.sendPacket(id, userId, packet);
            });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_onlineUsers, signal, this, &MainWindow::showOnlineCount);
    connect(&m_onlineUsers, &QAbstractItemModel::modelReset, this, &MainWindow::showOnlineCount);
    connect(m_presence, &QListView::activated, this, [this](const QModelIndex &index) {
        showUser(index.data(OnlineUsersModel::UserIdRole).toLongLong());
    });
    connect(m_sessionsView, &SessionsView::userChosen, this, &MainWindow::showUser);
    connect(m_userView, &UserView::composeRequested, this, &MainWindow::composeFor);
    connect(m_sessionsView, &SessionsView::closeRequested, this, [this](quint64 sessionId) {
        m_client.closeSession(QStringLiteral("close-%1").arg(++m_commandCount), sessionId);
    });
}

void MainWindow::showOnlineCount()
{
    m_tabs->setTabText(m_tabs->indexOf(m_presence),
                       tr("Online users (%1)").arg(QLocale().toString(m_onlineUsers.rowCount())));
}

void MainWindow::showUser(qint64 userId)
{
    m_userView->showUser(userId);
    m_tabs->setCurrentWidget(m_userView);
}

void MainWindow::composeFor(qint64 userId)
{
    m_composer->setTargetUser(userId);
    m_tabs->setCurrentWidget(m_composer);
}

void MainWindow::showCommandResult(const QString &id, bool ok, const QString &error, int sockets)
{
    const qint64 userId = m_sendTargets.take(id); // 0: not a send_packet
    const auto describe = [id, ok, error, sockets, userId] {
        if (!ok)
            return tr("Command %1 failed: %2").arg(id, error);
        if (userId == 0)
            return tr("Command %1 done").arg(id);
        // A user without sockets gets nothing; "done" would read as a delivery.
        if (sockets == 0)
            return tr("Nothing sent: user %1 has no open socket (command %2)")
                .arg(QString::number(userId), id);
        return tr("Sent to user %1 on %Ln socket(s) (command %2)", nullptr, sockets)
            .arg(QString::number(userId), id);
    };
    if (userId != 0)
        m_composer->setResult(describe);
    m_events.append(describe(), userId);
}

void MainWindow::connectTo(const QUrl &url, const QString &token, bool rememberToken)
{
    m_rememberToken = rememberToken;
    m_client.connectTo(url, token);
}

void MainWindow::showConnectDialog()
{
    ConnectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        connectTo(dialog.url(), dialog.token(), dialog.rememberToken());
}

void MainWindow::showCounters(const admin::Counters &counters)
{
    m_counters->show(counters);
    m_dataTime = QDateTime::currentDateTime();
    m_history.add(m_dataTime.toMSecsSinceEpoch(), counters);
}

// The snapshot's users were online before: they are state, not events, and stay out of the log.
void MainWindow::resetPresence(const QList<qint64> &online)
{
    m_onlineUsers.reset(online);
}

void MainWindow::setOnline(qint64 userId, bool online)
{
    m_onlineUsers.setOnline(userId, online);
    m_events.append(online ? tr("User %1 is online").arg(userId)
                           : tr("User %1 is offline").arg(userId),
                    userId);
}

QString MainWindow::connectionText() const
{
    const QString url = leftToRight(m_client.url().toString());
    const int retryInSeconds = m_client.reconnectDelayMs() / 1000;
    switch (m_client.state()) {
    case AdminClient::State::Connected:
        return tr("Connected to %1").arg(url);
    case AdminClient::State::Connecting:
        return tr("Connecting to %1...").arg(url);
    case AdminClient::State::WaitingToReconnect:
        if (m_client.lostConnection())
            return tr("Connection to %1 lost; retrying in %Ln second(s)", nullptr, retryInSeconds)
                .arg(url);
        return tr("Cannot reach %1 (%2); retrying in %Ln second(s)", nullptr, retryInSeconds)
            .arg(url, m_client.lastError());
    case AdminClient::State::Refused:
        return tr("The daemon refused the admin token");
    case AdminClient::State::Disconnected:
        break;
    }
    return tr("Not connected");
}

void MainWindow::showState()
{
    // Only what the daemon accepted is worth remembering.
    if (isLive())
        ConnectDialog::remember(m_client.url(), m_rememberToken
                                                    ? std::optional<QString>(m_client.token())
                                                    : std::nullopt);
    updateConnectionUi();
    if (m_client.state() != AdminClient::State::Connecting)
        m_events.append(connectionText());
}

bool MainWindow::isLive() const
{
    return m_client.state() == AdminClient::State::Connected;
}

// Without a connection the data stays for reference, greyed, under a notice saying its age.
void MainWindow::updateConnectionUi()
{
    const AdminClient::State state = m_client.state();
    m_stateLabel->setText(connectionText());
    m_composer->setConnected(isLive());
    m_sessionsView->setConnected(isLive());
    m_disconnectAction->setEnabled(state != AdminClient::State::Disconnected &&
                                   state != AdminClient::State::Refused);
    for (QWidget *data : {static_cast<QWidget *>(m_sessionsView),
                          static_cast<QWidget *>(m_presence), static_cast<QWidget *>(m_counters)})
        data->setEnabled(isLive());
    m_staleNotice->setVisible(!isLive() && m_dataTime.isValid());
    m_staleNotice->setText(
        tr("Not live: this is the daemon's state at %1; it may have changed since.")
            .arg(QLocale().toString(m_dataTime, QLocale::ShortFormat)));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::LayoutDirectionChange)
        showConnectIcon();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Haraj Chat console"));
    m_tabs->setTabText(0, tr("Sessions"));
    showOnlineCount();
    m_tabs->setTabText(2, tr("Events"));
    m_tabs->setTabText(3, tr("Send a packet"));
    m_tabs->setTabText(m_tabs->indexOf(m_charts), tr("Charts"));
    m_tabs->setTabText(m_tabs->indexOf(m_userView), tr("User"));
    findChild<QDockWidget *>(QStringLiteral("counters"))->setWindowTitle(tr("Counters"));
    m_connectAction->setText(tr("Connect..."));
    m_disconnectAction->setText(tr("Disconnect"));
    m_languageMenu->setTitle(tr("Language"));
    const QStringList names{tr("System language"), QStringLiteral("English"),
                            QStringLiteral("\u0627\u0644\u0639\u0631\u0628\u064a\u0629")};
    for (int i = 0; i < names.size(); ++i)
        m_languages->actions().at(i)->setText(names.at(i));
    m_sessions.retranslate();
    updateConnectionUi();
}

} // namespace harajchat::console
