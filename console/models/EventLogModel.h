#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QStringList>

namespace harajchat::console {

// The console's live event log: bounded, pausable (events wait while paused), exportable.
class EventLogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int MaxEntries = 10000;

    using QAbstractListModel::QAbstractListModel;

    void append(const QString &text);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int waitingCount() const { return int(m_waiting.size()); }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    void insert(const QStringList &lines);

    QStringList m_lines;
    QStringList m_waiting;
    bool m_paused = false;
};

} // namespace harajchat::console
