#include "ui/SessionsView.h"

#include "models/SessionModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
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
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_close->setEnabled(m_table->selectionModel()->hasSelection()); });
    retranslate();
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
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        emit closeRequested(m_sessions.sessionIdAt(m_filtered->mapToSource(rows.first()).row()));
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
