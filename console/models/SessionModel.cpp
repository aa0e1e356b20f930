#include "models/SessionModel.h"

#include "app/Bidi.h"

#include <QDateTime>
#include <QStringList>

namespace harajchat::console {

void SessionModel::reset(const QList<admin::SessionInfo> &sessions)
{
    beginResetModel();
    m_sessions = sessions;
    endResetModel();
}

void SessionModel::upsert(const admin::SessionInfo &session)
{
    const int row = rowOf(session.sessionId);
    if (row < 0) {
        beginInsertRows({}, int(m_sessions.size()), int(m_sessions.size()));
        m_sessions.append(session);
        endInsertRows();
        return;
    }
    m_sessions[row] = session;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SessionModel::remove(quint64 sessionId)
{
    const int row = rowOf(sessionId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_sessions.removeAt(row);
    endRemoveRows();
}

void SessionModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_sessions.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int SessionModel::rowOf(quint64 sessionId) const
{
    for (int row = 0; row < m_sessions.size(); ++row) {
        if (m_sessions.at(row).sessionId == sessionId)
            return row;
    }
    return -1;
}

QString SessionModel::nameOfUser(qint64 userId) const
{
    for (const admin::SessionInfo &session : m_sessions) {
        if (session.userId == userId && !session.name.isEmpty())
            return session.name;
    }
    return {};
}

int SessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int SessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != SortRole))
        return {};
    const admin::SessionInfo &session = m_sessions.at(index.row());
    const bool sorting = role == SortRole;
    switch (index.column()) {
    // Ids are identifiers, shown as typed into a command: Latin digits, no grouping.
    case SessionColumn:
        return sorting ? QVariant::fromValue(session.sessionId)
                       : QVariant(QString::number(session.sessionId));
    case UserColumn:
        if (sorting)
            return session.userId;
        return session.userId != 0 ? QString::number(session.userId) : tr("not authenticated");
    case NameColumn:
        return session.name;
    case RemoteColumn:
        return session.remote;
    case ConnectedColumn: {
        const QDateTime since = QDateTime::fromMSecsSinceEpoch(session.connectedAtMs);
        // Like the ids beside it and the event log: Latin digits, one format in every language.
        return sorting
                   ? QVariant(since)
                   : QVariant(leftToRight(since.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    }
    case ListeningColumn: {
        QStringList peers;
        for (const qint64 peer : session.listening)
            peers.append(QString::number(peer));
        return peers.join(QStringLiteral(", "));
    }
    }
    return {};
}

QVariant SessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SessionColumn:
        return tr("Session");
    case UserColumn:
        return tr("User");
    case NameColumn:
        return tr("Name");
    case RemoteColumn:
        return tr("Remote address");
    case ConnectedColumn:
        return tr("Connected since");
    case ListeningColumn:
        return tr("Listening to");
    }
    return {};
}

} // namespace harajchat::console
