#pragma once

#include "protocol/AdminProtocol.h"

#include <QAbstractTableModel>
#include <QList>

namespace harajchat::console {

// The daemon's live client sockets, one row each.
class SessionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SessionColumn,
        UserColumn,
        NameColumn,
        RemoteColumn,
        ConnectedColumn,
        ListeningColumn,
        ColumnCount
    };
    // Raw values for sorting (numbers sort as numbers, times as times).
    static constexpr int SortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void reset(const QList<admin::SessionInfo> &sessions);
    void upsert(const admin::SessionInfo &session);
    void remove(quint64 sessionId);
    int rowOf(quint64 sessionId) const; // -1 when unknown
    const admin::SessionInfo &sessionAt(int row) const { return m_sessions.at(row); }
    // The name a session of the user carries; empty when none has authenticated.
    QString nameOfUser(qint64 userId) const;
    // Headers and texts are translated: show them again in the new language.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<admin::SessionInfo> m_sessions;
};

} // namespace harajchat::console
