#include "ui/EventLogView.h"

#include "models/EventLogModel.h"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace harajchat::console {

EventLogView::EventLogView(EventLogModel &log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_filtered(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit)
    , m_view(new QListView)
    , m_pause(new QPushButton)
    , m_clear(new QPushButton)
    , m_export(new QPushButton)
{
    m_filtered->setSourceModel(&m_log);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_filtered);
    m_view->setUniformItemSizes(true); // thousands of lines stay cheap to lay out
    m_pause->setCheckable(true);
    m_pause->setIcon(QIcon(QStringLiteral(":/icons/pause.svg")));
    m_clear->setIcon(QIcon(QStringLiteral(":/icons/clear.svg")));
    m_export->setIcon(QIcon(QStringLiteral(":/icons/export.svg")));
    m_filter->setClearButtonEnabled(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filter, 1);
    controls->addWidget(m_pause);
    controls->addWidget(m_clear);
    controls->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &EventLogView::setFilter);
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        m_log.setPaused(paused);
        retranslate();
    });
    connect(m_clear, &QPushButton::clicked, &m_log, &EventLogModel::clear);
    connect(m_export, &QPushButton::clicked, this, &EventLogView::exportAsked);
    connect(m_filtered, &QAbstractItemModel::rowsInserted, m_view, &QListView::scrollToBottom);
    retranslate();
}

void EventLogView::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_filtered->setFilterFixedString(text);
}

int EventLogView::visibleCount() const
{
    return m_filtered->rowCount();
}

bool EventLogView::exportTo(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    for (int row = 0; row < m_filtered->rowCount(); ++row)
        file.write(m_filtered->index(row, 0).data(EventLogModel::ExportRole).toString().toUtf8() +
                   '\n');
    return file.error() == QFile::NoError;
}

void EventLogView::exportAsked()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export events"), QString(),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}

void EventLogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EventLogView::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter events"));
    m_pause->setText(m_pause->isChecked() ? tr("Resume") : tr("Pause"));
    m_clear->setText(tr("Clear"));
    m_export->setText(tr("Export..."));
}

} // namespace harajchat::console
