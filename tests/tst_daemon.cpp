// The harajchatd binary itself: command line, admin verbs, the start-up log line, and a clean stop
// on SIGTERM (sockets closed with 1001, exit code 0).
#include "WsClient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace harajchat::test;

class DaemonTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString database() const { return m_dir.filePath(QStringLiteral("daemon.sqlite")); }

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
        const QStringList db{QStringLiteral("--db"), database()};
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
    void sigtermClosesSocketsWith1001AndExitsZero()
    {
        QByteArray token;
        QCOMPARE(run({QStringLiteral("issue-token"), QStringLiteral("--id"), QStringLiteral("2"),
                      QStringLiteral("--db"), database()},
                     &token),
                 0);

        QProcess daemon;
        daemon.setProcessChannelMode(QProcess::SeparateChannels);
        daemon.start(QStringLiteral(HARAJCHATD_PATH),
                     {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--db"), database()});
        QVERIFY(daemon.waitForStarted());
        // The one start-up line tells where it listens and where the data lives.
        QByteArray log;
        const QRegularExpression listening(
            QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+) .*data in (.+)\\n"));
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((log += daemon.readAllStandardError(),
                                  match = listening.match(QString::fromUtf8(log)),
                                  match.hasMatch()),
                                 10000);
        QCOMPARE(match.captured(2).trimmed(), database());

        WsClient client;
        QVERIFY(
            client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat/ws").arg(match.captured(1)))));
        QVERIFY(client.authenticate(token));

        QSignalSpy finished(&daemon, &QProcess::finished);
        ::kill(pid_t(daemon.processId()), SIGTERM);
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 1001);
        QVERIFY(finished.wait(10000) || daemon.state() == QProcess::NotRunning);
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
    }
#endif
};

QTEST_GUILESS_MAIN(DaemonTest)
#include "tst_daemon.moc"
