#include "ui/UserView.h"

#include "models/EventLogModel.h"
#include "models/SessionModel.h"
#include "ui/Icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <set>

namespace harajchat::console {

UserView::UserView(SessionModel &sessions, EventLogModel &events, QWidget *parent)
    : QWidget(parent)
    , m_sessions(sessions)
    , m_userSessions(new QSortFilterProxyModel(this))
    , m_userEvents(new QSortFilterProxyModel(this))
    , m_summary(new QLabel)
    , m_listening(new QLabel)
    , m_sessionsTitle(new QLabel)
    , m_eventsTitle(new QLabel)
    , m_compose(new QPushButton)
{
    m_userSessions->setSourceModel(&sessions);
    m_userSessions->setFilterKeyColumn(SessionModel::UserColumn);
    m_userSessions->setFilterRole(SessionModel::SortRole);
    m_userEvents->setSourceModel(&events);
    m_userEvents->setFilterRole(EventLogModel::UserIdRole);
    auto *sessionsTable = new QTableView;
    sessionsTable->setModel(m_userSessions);
    sessionsTable->verticalHeader()->hide();
    sessionsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    sessionsTable->horizontalHeader()->setStretchLastSection(true);
    // The user and name are the view's title.
    sessionsTable->hideColumn(SessionModel::UserColumn);
    sessionsTable->hideColumn(SessionModel::NameColumn);
    sessionsTable->setSelectionMode(QAbstractItemView::NoSelection);
    auto *eventList = new QListView;
    eventList->setModel(m_userEvents);
    m_compose->setIcon(directionalIcon(QStringLiteral(":/icons/send.svg"), layoutDirection()));
    QFont bigger = m_summary->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.3);
    bigger.setBold(true);
    m_summary->setFont(bigger);

    auto *header = new QHBoxLayout;
    header->addWidget(m_summary, 1);
    header->addWidget(m_compose);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_listening);
    layout->addWidget(m_sessionsTitle);
    layout->addWidget(sessionsTable, 1);
    layout->addWidget(m_eventsTitle);
    layout->addWidget(eventList, 2);

    connect(m_compose, &QPushButton::clicked, this, [this] { emit composeRequested(m_userId); });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_userSessions, signal, this, &UserView::showSummary);
    connect(m_userSessions, &QAbstractItemModel::dataChanged, this, &UserView::showSummary);
    connect(m_userSessions, &QAbstractItemModel::modelReset, this, &UserView::showSummary);
    connect(m_userEvents, &QAbstractItemModel::rowsInserted, eventList, &QListView::scrollToBottom);
    retranslate();
}

void UserView::showUser(qint64 userId)
{
    m_userId = userId;
    const QRegularExpression exactly(QStringLiteral("^%1$").arg(userId));
    m_userSessions->setFilterRegularExpression(exactly);
    m_userEvents->setFilterRegularExpression(exactly);
    showSummary();
}

int UserView::sessionCount() const
{
    return m_userSessions->rowCount();
}

int UserView::eventCount() const
{
    return m_userEvents->rowCount();
}

QString UserView::summaryText() const
{
    return m_summary->text();
}

QString UserView::listeningText() const
{
    return m_listening->text();
}

void UserView::showSummary()
{
    m_compose->setEnabled(m_userId != 0);
    m_listening->setVisible(m_userId != 0);
    if (m_userId == 0) {
        m_summary->setText(tr("Pick a user in Sessions or Online users (double-click)."));
        return;
    }
    const QString id = QString::number(m_userId);
    const QString name = m_sessions.nameOfUser(m_userId);
    const QString who = name.isEmpty() ? tr("User %1").arg(id) : tr("User %1 (%2)").arg(id, name);
    m_summary->setText(sessionCount() == 0
                           ? tr("%1: offline").arg(who)
                           : tr("%1: online on %Ln socket(s)", nullptr, sessionCount()).arg(who));
    std::set<qint64> peers;
    for (int row = 0; row < sessionCount(); ++row) {
        const int sourceRow = m_userSessions->mapToSource(m_userSessions->index(row, 0)).row();
        for (const qint64 peer : m_sessions.sessionAt(sourceRow).listening)
            peers.insert(peer);
    }
    QStringList peerIds;
    for (const qint64 peer : peers)
        peerIds.append(QString::number(peer));
    m_listening->setText(peerIds.isEmpty()
                             ? tr("Listens to nobody's presence.")
                             : tr("Listens to the presence of: %1").arg(peerIds.join(u", ")));
}

void UserView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::LayoutDirectionChange)
        m_compose->setIcon(directionalIcon(QStringLiteral(":/icons/send.svg"), layoutDirection()));
    QWidget::changeEvent(event);
}

void UserView::retranslate()
{
    m_compose->setText(tr("Send a packet to this user..."));
    m_sessionsTitle->setText(tr("Their sockets:"));
    m_eventsTitle->setText(tr("Recent events about them:"));
    showSummary();
}

} // namespace harajchat::console
