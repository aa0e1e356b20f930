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
    // The user the event is about; 0 when none.
    static constexpr int UserIdRole = Qt::UserRole + 2;

    using QAbstractListModel::QAbstractListModel;

    void append(const QString &text, qint64 userId = 0);
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
        qint64 userId;
    };
    void insert(const QList<Entry> &lines);

    QList<Entry> m_lines;
    QList<Entry> m_waiting;
    bool m_paused = false;
};

} // namespace harajchat::console
