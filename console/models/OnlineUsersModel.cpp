#include "models/OnlineUsersModel.h"

#include "models/SessionModel.h"

#include <algorithm>

namespace harajchat::console {

OnlineUsersModel::OnlineUsersModel(const SessionModel &sessions, QObject *parent)
    : QAbstractListModel(parent)
    , m_sessions(sessions)
{
    // Names come from the sessions, which authenticate after their user is online.
    connect(&sessions, &QAbstractItemModel::dataChanged, this, &OnlineUsersModel::namesChanged);
    connect(&sessions, &QAbstractItemModel::rowsInserted, this, &OnlineUsersModel::namesChanged);
    connect(&sessions, &QAbstractItemModel::modelReset, this, &OnlineUsersModel::namesChanged);
}

void OnlineUsersModel::reset(const QList<qint64> &users)
{
    beginResetModel();
    m_users = users;
    std::sort(m_users.begin(), m_users.end());
    m_users.erase(std::unique(m_users.begin(), m_users.end()), m_users.end());
    endResetModel();
}

void OnlineUsersModel::setOnline(qint64 userId, bool online)
{
    const auto place = std::lower_bound(m_users.begin(), m_users.end(), userId);
    const int row = int(place - m_users.begin());
    const bool listed = place != m_users.end() && *place == userId;
    if (online && !listed) {
        beginInsertRows({}, row, row);
        m_users.insert(row, userId);
        endInsertRows();
    } else if (!online && listed) {
        beginRemoveRows({}, row, row);
        m_users.removeAt(row);
        endRemoveRows();
    }
}

void OnlineUsersModel::namesChanged()
{
    if (!m_users.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

int OnlineUsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

QVariant OnlineUsersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const qint64 userId = m_users.at(index.row());
    if (role == UserIdRole)
        return userId;
    if (role != Qt::DisplayRole)
        return {};
    // Ids are identifiers, shown as typed into a command: Latin digits, no grouping.
    const QString name = m_sessions.nameOfUser(userId);
    return name.isEmpty() ? QString::number(userId)
                          : QStringLiteral("%1  %2").arg(QString::number(userId), name);
}

} // namespace harajchat::console
