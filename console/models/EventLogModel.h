#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace harajchat::console {

// The console's live event log: bounded, pausable (events wait while paused), exportable.
class EventLogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int MaxEntries = 10000;
    // The line with its date, for files.
    static constexpr int ExportRole = Qt::UserRole + 1;

    using QAbstractListModel::QAbstractListModel;

    void append(const QString &text);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int waitingCount() const { return int(m_waiting.size()); }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Entry
    {
        QDateTime at;
        QString text;
    };
    void insert(const QList<Entry> &lines);

    QList<Entry> m_lines;
    QList<Entry> m_waiting;
    bool m_paused = false;
};

} // namespace harajchat::console
