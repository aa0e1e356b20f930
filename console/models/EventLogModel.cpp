#include "models/EventLogModel.h"

namespace harajchat::console {

void EventLogModel::append(const QString &text, qint64 userId)
{
    const Entry line{QDateTime::currentDateTime(), text, userId};
    if (m_paused) {
        m_waiting.append(line);
        if (m_waiting.size() > MaxEntries)
            m_waiting.removeFirst();
        return;
    }
    insert({line});
}

void EventLogModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused && !m_waiting.isEmpty())
        insert(std::exchange(m_waiting, {}));
}

void EventLogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_waiting.clear();
    endResetModel();
}

void EventLogModel::insert(const QList<Entry> &lines)
{
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size() + lines.size() - 1));
    m_lines += lines;
    endInsertRows();
    const qsizetype excess = m_lines.size() - MaxEntries;
    if (excess > 0) {
        beginRemoveRows({}, 0, int(excess - 1));
        m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
        endRemoveRows();
    }
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Entry &entry = m_lines.at(index.row());
    // On screen the day is today's; in an exported file it must be said.
    if (role == Qt::DisplayRole)
        return entry.at.toString(QStringLiteral("HH:mm:ss.zzz  ")) + entry.text;
    if (role == UserIdRole)
        return entry.userId;
    if (role == ExportRole) {
        // Bidi isolates order the screen; in a file they would only trip up grep.
        const QString plain = QString(entry.text).remove(QChar(0x2066)).remove(QChar(0x2069));
        return entry.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz  ")) + plain;
    }
    return {};
}

} // namespace harajchat::console
