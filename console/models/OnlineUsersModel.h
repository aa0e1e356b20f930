#pragma once

#include <QAbstractListModel>
#include <QList>

namespace harajchat::console {

class SessionModel;

// The users online, sorted by id as numbers, each shown with the name its sessions carry.
class OnlineUsersModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int UserIdRole = Qt::UserRole + 1;

    explicit OnlineUsersModel(const SessionModel &sessions, QObject *parent = nullptr);

    void reset(const QList<qint64> &users);
    void setOnline(qint64 userId, bool online);
    qint64 userIdAt(int row) const { return m_users.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    void namesChanged();

    const SessionModel &m_sessions;
    QList<qint64> m_users; // ascending
};

} // namespace harajchat::console
