#pragma once

#include "storage/SqlStorage.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QThread>
#include <QTimer>

namespace harajchat {

// Listens to the cluster's NOTIFY channel on a PostgreSQL connection and a thread of its own, so
// neither the sockets' loop nor the storage thread ever waits on it. A lost connection is reopened;
// `reconnected` then says events may have been missed since the last time the connection was
// known to be good (wall clock, ms since the epoch).
class NotificationListener : public QObject
{
    Q_OBJECT
public:
    NotificationListener(const StorageSettings &settings, qint64 checkIntervalMs);
    ~NotificationListener() override;

    // Opens the connection and subscribes; blocks until done.
    bool start(QString *error);

signals:
    void eventReceived(const QByteArray &payload);
    void reconnected(qint64 missedSinceMs);

private:
    // These run on the listener's thread.
    QString open();
    void close();
    void dropConnection();
    void check();
    void onNotification(const QString &channel, QSqlDriver::NotificationSource source,
                        const QVariant &payload);

    StorageSettings m_settings;
    QString m_connectionName;
    QSqlDatabase m_db;
    QThread m_thread;
    QTimer *m_checkTimer = nullptr; // lives on m_thread
    qint64 m_checkIntervalMs;
    qint64 m_lastGoodMs = 0; // set when the connection opens, then at each probe that passes
};

} // namespace harajchat
