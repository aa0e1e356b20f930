#include "TestDatabase.h"

#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace harajchat::test {

namespace {
QString postgresDir()
{
    return qEnvironmentVariable("HARAJCHAT_TEST_POSTGRES_DIR");
}

PostgresSettings testCluster(const QString &database)
{
    QFile portFile(postgresDir() + QStringLiteral("/port"));
    if (!portFile.open(QIODevice::ReadOnly))
        qFatal("no test PostgreSQL cluster at %s (run tests/postgres/test-cluster.sh start)",
               qPrintable(postgresDir()));
    PostgresSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = portFile.readAll().trimmed().toInt();
    settings.user = QStringLiteral("postgres");
    settings.database = database;
    return settings;
}

// Database names are per test process, so suites running in parallel never share one.
QString createDatabase(const QString &name)
{
    const QString database = QStringLiteral("t_%1_%2")
                                 .arg(QUuid::createUuid().toString(QUuid::Id128).left(12), name)
                                 .toLower()
                                 .replace(QLatin1Char('.'), QLatin1Char('_'));
    const QString connection = QStringLiteral("test-admin-") + database;
    {
        StorageSettings admin;
        admin.driver = QStringLiteral("postgres");
        admin.postgres = testCluster(QStringLiteral("postgres"));
        QSqlDatabase db = openDatabase(admin, connection);
        QSqlQuery create(db);
        if (!create.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(database)))
            qFatal("CREATE DATABASE %s: %s", qPrintable(database),
                   qPrintable(create.lastError().text()));
    }
    QSqlDatabase::removeDatabase(connection);
    return database;
}
} // namespace

bool testingPostgres()
{
    return !postgresDir().isEmpty();
}

StorageSettings testStorage(const QTemporaryDir &dir, const QString &name)
{
    StorageSettings settings;
    if (!testingPostgres()) {
        settings.path = dir.filePath(name);
        return settings;
    }
    static QHash<QString, QString> databases; // test name -> database
    auto found = databases.find(dir.path() + name);
    if (found == databases.end())
        found = databases.insert(dir.path() + name, createDatabase(name));
    settings.driver = QStringLiteral("postgres");
    settings.postgres = testCluster(*found);
    return settings;
}

} // namespace harajchat::test
