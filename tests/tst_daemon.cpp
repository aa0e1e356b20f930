// The harajchatd binary itself: command line, admin verbs, the start-up log line, and a clean stop
// on SIGTERM (sockets closed with 1001, exit code 0).
#include "HttpClient.h"
#include "TestDatabase.h"
#include "TestMain.h"
#include "WsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace harajchat;
using namespace harajchat::test;

class DaemonTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    StorageSettings storage() const { return testStorage(m_dir, QStringLiteral("daemon.sqlite")); }

    // A config with the admin socket on port 0 (parallel runs never collide) and, in the _pg run,
    // the PostgreSQL database; the SQLite file goes through --db, so that option is used too.
    QStringList storageArguments() const
    {
        const StorageSettings settings = storage();
        const QString config = m_dir.filePath(QStringLiteral("daemon.ini"));
        QFile ini(config);
        if (!ini.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(config));
        ini.write("[admin]\nlisten = 127.0.0.1:0\n");
        if (settings.driver == QLatin1String("sqlite"))
            return {QStringLiteral("--config"), config, QStringLiteral("--db"), settings.path};
        const PostgresSettings &pg = settings.postgres;
        ini.write(QStringLiteral("[storage]\ndriver = postgres\nhost = %1\nport = %2\n"
                                 "database = %3\nuser = %4\n")
                      .arg(pg.host)
                      .arg(pg.port)
                      .arg(pg.database, pg.user)
                      .toUtf8());
        return {QStringLiteral("--config"), config};
    }

    // Where the start-up line must say the data lives.
    QString dataLocation() const
    {
        const StorageSettings settings = storage();
        if (settings.driver == QLatin1String("sqlite"))
            return settings.path;
        return QStringLiteral("PostgreSQL database %1 on %2:%3")
            .arg(settings.postgres.database, settings.postgres.host)
            .arg(settings.postgres.port);
    }

    // Runs a command to completion; returns exit code, stdout in *output.
    int run(const QStringList &arguments, QByteArray *output = nullptr)
    {
        QProcess process;
        process.start(QStringLiteral(HARAJCHATD_PATH), arguments);
        if (!process.waitForFinished(30000))
            return -1;
        if (output)
            *output = process.readAllStandardOutput().trimmed();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private slots:
    void versionAndHelp()
    {
        QByteArray output;
        QCOMPARE(run({QStringLiteral("--version")}, &output), 0);
        QVERIFY(output.startsWith("harajchatd "));
        QCOMPARE(run({QStringLiteral("--help")}, &output), 0);
        for (const char *option : {"--config", "--listen", "--db", "add-user", "issue-token"})
            QVERIFY2(output.contains(option), option);
    }

    void badArgumentsExitWith2()
    {
        QCOMPARE(run({QStringLiteral("--listen"), QStringLiteral("nowhere")}), 2);
        QCOMPARE(run({QStringLiteral("--config"), m_dir.filePath(QStringLiteral("missing.ini"))}),
                 2);
        QCOMPARE(run({QStringLiteral("add-user"), QStringLiteral("--name"), QStringLiteral("x")}),
                 2);
    }

    void adminVerbs()
    {
        QByteArray output;
        const QStringList db = storageArguments();
        QCOMPARE(
            run(QStringList{QStringLiteral("add-user"), QStringLiteral("--name"),
                            QStringLiteral("abdullah_zagat"), QStringLiteral("--password"),
                            QStringLiteral("pw"), QStringLiteral("--id"), QStringLiteral("2")} +
                    db,
                &output),
            0);
        QCOMPARE(output, QByteArray("2"));
        // The name is taken now.
        QCOMPARE(run(QStringList{QStringLiteral("add-user"), QStringLiteral("--name"),
                                 QStringLiteral("abdullah_zagat"), QStringLiteral("--password"),
                                 QStringLiteral("pw")} +
                     db),
                 1);
        QCOMPARE(run(QStringList{QStringLiteral("issue-token"), QStringLiteral("--id"),
                                 QStringLiteral("2")} +
                         db,
                     &output),
                 0);
        QCOMPARE(output.size(), 43);
        QCOMPARE(run(QStringList{QStringLiteral("issue-token"), QStringLiteral("--id"),
                                 QStringLiteral("3")} +
                     db),
                 1);
    }

#ifdef Q_OS_UNIX
    // Starts the daemon on a free port of its own choosing and reads that port from its log line.
    bool startDaemon(QProcess &daemon, quint16 *port)
    {
        daemon.start(QStringLiteral(HARAJCHATD_PATH),
                     storageArguments() +
                         QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        if (!daemon.waitForStarted())
            return false;
        // The one start-up line tells where it listens and where the data lives.
        const QRegularExpression listening(
            QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+) .*data in (.+)\\n"));
        QByteArray log;
        QRegularExpressionMatch match;
        QSignalSpy output(&daemon, &QProcess::readyReadStandardError);
        while (!(match = listening.match(QString::fromUtf8(log))).hasMatch()) {
            if (!output.wait(10000))
                return false;
            log += daemon.readAllStandardError();
        }
        *port = quint16(match.captured(1).toUInt());
        return match.captured(2).trimmed() == dataLocation();
    }

    QByteArray issueToken(qint64 userId)
    {
        QByteArray token;
        run(QStringList{QStringLiteral("issue-token"), QStringLiteral("--id"),
                        QString::number(userId)} +
                storageArguments(),
            &token);
        return token;
    }

    void sigtermClosesSocketsWith1001AndExitsZero()
    {
        const QByteArray token = issueToken(2);
        QProcess daemon;
        quint16 port = 0;
        QVERIFY(startDaemon(daemon, &port));

        WsClient client;
        QVERIFY(client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat/ws").arg(port))));
        QVERIFY(client.authenticate(token));

        QSignalSpy finished(&daemon, &QProcess::finished);
        ::kill(pid_t(daemon.processId()), SIGTERM);
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 1001);
        QVERIFY(finished.wait(10000) || daemon.state() == QProcess::NotRunning);
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
    }

    void acknowledgedMessagesSurviveKill9()
    {
        const QStringList addBuyer{QStringLiteral("add-user"), QStringLiteral("--name"),
                                   QStringLiteral("buyer"),    QStringLiteral("--password"),
                                   QStringLiteral("pw"),       QStringLiteral("--id"),
                                   QStringLiteral("1")};
        QCOMPARE(run(addBuyer + storageArguments()), 0);
        const QByteArray sender = issueToken(2);
        QProcess daemon;
        quint16 port = 0;
        QVERIFY(startDaemon(daemon, &port));
        HttpClient http;
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QVERIFY(http.post(QUrl(base + QStringLiteral("/chat/topics")),
                          {{QStringLiteral("peer_id"), 1}}, sender)
                    .status < 300);

        // A burst of sends in flight together; the daemon dies right after the last 201.
        const QUrl messages(base + QStringLiteral("/chat/topics/p2p1_2/messages"));
        QList<QPair<QUrl, QByteArray>> posts;
        for (int i = 0; i < 100; ++i)
            posts.append({messages, "{\"content\":{\"type\":\"text/plain\",\"payload\":{\"n\":" +
                                        QByteArray::number(i) + "}}}"});
        const std::optional<QSet<qint64>> acknowledged = http.postAllAtOnce(posts, sender);
        QVERIFY(acknowledged);
        ::kill(pid_t(daemon.processId()), SIGKILL);
        QVERIFY(daemon.waitForFinished());
        QCOMPARE(acknowledged->size(), 100);

        QProcess restarted;
        QVERIFY(startDaemon(restarted, &port));
        QUrl history(QStringLiteral("http://127.0.0.1:%1/chat/topics/p2p1_2/messages").arg(port));
        history.setQuery(QStringLiteral("limit=200"));
        const HttpResult stored = http.get(history, issueToken(1));
        QCOMPARE(stored.status, 200);
        QSet<qint64> found;
        for (const QJsonValue &message : stored.json.value(QLatin1String("data"))
                                             .toObject()
                                             .value(QLatin1String("messages"))
                                             .toArray())
            found.insert(message.toObject().value(QLatin1String("seq_id")).toInteger());
        QCOMPARE(found, *acknowledged);
        restarted.terminate();
        QVERIFY(restarted.waitForFinished());
    }
#endif
};

HARAJCHAT_TEST_MAIN(DaemonTest)
#include "tst_daemon.moc"
