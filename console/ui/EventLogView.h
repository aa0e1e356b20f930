#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace harajchat::console {

class EventLogModel;

// The live event log with its controls: pause, filter, clear, export.
class EventLogView : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel &log, QWidget *parent = nullptr);

    void setFilter(const QString &text);
    int visibleCount() const;
    // Writes the lines that pass the filter, one per line with its date (UTF-8); false when the
    // file fails.
    bool exportTo(const QString &path) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void exportAsked();

    EventLogModel &m_log;
    QSortFilterProxyModel *m_filtered;
    QLineEdit *m_filter;
    QListView *m_view;
    QPushButton *m_pause;
    QPushButton *m_clear;
    QPushButton *m_export;
};

} // namespace harajchat::console
