#include "ui/SessionsView.h"

#include "models/SessionModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace harajchat::console {

SessionsView::SessionsView(SessionModel &sessions, QWidget *parent)
    : QWidget(parent)
    , m_sessions(sessions)
    , m_filtered(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit)
    , m_table(new QTableView)
    , m_close(new QPushButton)
{
    m_filtered->setSourceModel(&m_sessions);
    m_filtered->setFilterKeyColumn(-1); // any column
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filtered->setSortRole(SessionModel::SortRole);
    m_table->setModel(m_filtered);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SessionModel::SessionColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_filter->setClearButtonEnabled(true);
    m_close->setEnabled(false);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filter, 1);
    controls->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &SessionsView::setFilter);
    connect(m_close, &QPushButton::clicked, this, &SessionsView::closeSelected);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const qint64 userId = m_sessions.sessionAt(m_filtered->mapToSource(index).row()).userId;
        if (userId != 0)
            emit userChosen(userId);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SessionsView::updateCloseButton);
    // A closed row's neighbour must not become the selection: the next click would close it.
    connect(m_filtered, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                const int current = m_table->currentIndex().row();
                if (current >= first && current <= last)
                    clearSelection();
            });
    retranslate();
}

void SessionsView::setConnected(bool connected)
{
    m_connected = connected;
    updateCloseButton();
}

bool SessionsView::selectSession(quint64 sessionId)
{
    const int row = m_sessions.rowOf(sessionId);
    if (row < 0)
        return false;
    m_table->selectRow(m_filtered->mapFromSource(m_sessions.index(row, 0)).row());
    return true;
}

std::optional<quint64> SessionsView::selectedSession() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_sessions.sessionAt(m_filtered->mapToSource(rows.first()).row()).sessionId;
}

bool SessionsView::canClose() const
{
    return m_close->isEnabled();
}

void SessionsView::updateCloseButton()
{
    m_close->setEnabled(m_connected && m_table->selectionModel()->hasSelection());
}

void SessionsView::clearSelection()
{
    m_table->selectionModel()->clear();
    updateCloseButton();
}

void SessionsView::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_filtered->setFilterFixedString(text);
}

int SessionsView::visibleCount() const
{
    return m_filtered->rowCount();
}

void SessionsView::closeSelected()
{
    const std::optional<quint64> sessionId = selectedSession();
    if (!canClose() || !sessionId)
        return;
    const admin::SessionInfo &session = m_sessions.sessionAt(m_sessions.rowOf(*sessionId));
    const QString question =
        session.userId == 0
            ? tr("Close session %1 from %2?").arg(QString::number(*sessionId), session.remote)
            : tr("Close session %1 of user %2 (%3)? Their app will see the socket closed.")
                  .arg(QString::number(*sessionId), QString::number(session.userId), session.name);
    if (QMessageBox::question(this, tr("Close session"), question,
                              QMessageBox::Yes | QMessageBox::No,
                              QMessageBox::No) != QMessageBox::Yes)
        return;
    clearSelection();
    emit closeRequested(*sessionId);
}

void SessionsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SessionsView::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter sessions (user, name, address...)"));
    m_close->setText(tr("Close session"));
}

} // namespace harajchat::console
