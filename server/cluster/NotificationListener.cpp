#include "cluster/NotificationListener.h"

#include "app/Logging.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace harajchat {

NotificationListener::NotificationListener(const StorageSettings &settings, qint64 checkIntervalMs)
    : m_settings(settings)
    , m_connectionName(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_checkIntervalMs(checkIntervalMs)
{
    m_thread.setObjectName(QStringLiteral("cluster-listener"));
}

NotificationListener::~NotificationListener()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(this, &NotificationListener::close, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

bool NotificationListener::start(QString *error)
{
    moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(this, &NotificationListener::open, Qt::BlockingQueuedConnection,
                              error);
    if (!error->isEmpty())
        return false;
    QMetaObject::invokeMethod(this, [this] {
        m_checkTimer = new QTimer(this);
        connect(m_checkTimer, &QTimer::timeout, this, &NotificationListener::check);
        m_checkTimer->start(int(m_checkIntervalMs));
    });
    return true;
}

QString NotificationListener::open()
{
    try {
        m_db = openDatabase(m_settings, m_connectionName);
    } catch (const StorageError &failure) {
        return QString::fromStdString(failure.what());
    }
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this, &NotificationListener::onNotification);
    if (driver->subscribeToNotification(SqlStorage::eventChannel())) {
        m_lastGoodMs = QDateTime::currentMSecsSinceEpoch();
        return QString();
    }
    const QString error = QStringLiteral("cannot LISTEN: %1").arg(driver->lastError().text());
    dropConnection();
    return error;
}

void NotificationListener::dropConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void NotificationListener::close()
{
    delete m_checkTimer;
    m_checkTimer = nullptr;
    dropConnection();
}

void NotificationListener::check()
{
    const qint64 lastGood = m_lastGoodMs;
    if (m_db.isOpen()) {
        QSqlQuery probe(m_db);
        if (probe.exec(QStringLiteral("SELECT 1"))) {
            m_lastGoodMs = QDateTime::currentMSecsSinceEpoch();
            return;
        }
        qCWarning(lcCluster) << "lost the cluster's notification connection:"
                             << probe.lastError().text();
    }
    dropConnection();
    const QString error = open();
    if (!error.isEmpty()) {
        qCWarning(lcCluster) << "reconnecting failed, will try again:" << error;
        return;
    }
    qCInfo(lcCluster) << "notification connection restored";
    emit reconnected(lastGood);
}

void NotificationListener::onNotification(const QString &channel, QSqlDriver::NotificationSource,
                                          const QVariant &payload)
{
    if (channel == SqlStorage::eventChannel())
        emit eventReceived(payload.toString().toUtf8());
}

} // namespace harajchat
