// The harajchatd binary itself: command line, admin verbs, the start-up log line, and a clean stop
// on SIGTERM (sockets closed with 1001, exit code 0).
#include "DaemonProcess.h"
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
#include <sys/resource.h>
#endif

using namespace harajchat;
using namespace harajchat::test;

class DaemonTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    DaemonProcess m_daemon{m_dir, QStringLiteral("daemon.sqlite")};

    static int run(const QStringList &arguments, QByteArray *output = nullptr)
    {
        return DaemonProcess::runBinary(arguments, output);
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
        QCOMPARE(m_daemon.run(QStringList{QStringLiteral("add-user"), QStringLiteral("--name"),
                                          QStringLiteral("abdullah_zagat"),
                                          QStringLiteral("--password"), QStringLiteral("pw"),
                                          QStringLiteral("--id"), QStringLiteral("2")},
                              &output),
                 0);
        QCOMPARE(output, QByteArray("2"));
        // The name is taken now.
        QCOMPARE(m_daemon.run(QStringList{QStringLiteral("add-user"), QStringLiteral("--name"),
                                          QStringLiteral("abdullah_zagat"),
                                          QStringLiteral("--password"), QStringLiteral("pw")}),
                 1);
        QCOMPARE(m_daemon.run(QStringList{QStringLiteral("issue-token"), QStringLiteral("--id"),
                                          QStringLiteral("2")},
                              &output),
                 0);
        QCOMPARE(output.size(), 43);
        QCOMPARE(m_daemon.run(QStringList{QStringLiteral("issue-token"), QStringLiteral("--id"),
                                          QStringLiteral("3")}),
                 1);
    }

#ifdef Q_OS_UNIX
    void sigtermClosesSocketsWith1001AndExitsZero()
    {
        const QByteArray token = m_daemon.issueToken(2);
        QVERIFY(m_daemon.start());

        WsClient client;
        QVERIFY(
            client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat/ws").arg(m_daemon.port()))));
        QVERIFY(client.authenticate(token));

        ::kill(pid_t(m_daemon.process().processId()), SIGTERM);
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 1001);
        QVERIFY(m_daemon.process().waitForFinished(10000));
        QCOMPARE(m_daemon.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_daemon.process().exitCode(), 0);
    }

    void openFileLimitIsRaisedToTheHardLimit()
    {
        rlimit limit{};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
        if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max <= 512)
            QSKIP("needs a finite hard limit of open files above 512");
        DaemonProcess daemon(m_dir, QStringLiteral("limit.sqlite"));
        daemon.setOpenFileLimit(512, limit.rlim_max);
        QVERIFY(daemon.start());
        const QByteArray hard = QByteArray::number(quint64(limit.rlim_max));
        QVERIFY2(daemon.log().contains("open file limit " + hard +
                                       " (soft limit was 512, hard limit " + hard + ")"),
                 daemon.log().constData());
        QVERIFY(daemon.signalAndWait(SIGTERM));
    }

    void acknowledgedMessagesSurviveKill9()
    {
        QCOMPARE(m_daemon.run({QStringLiteral("add-user"), QStringLiteral("--name"),
                               QStringLiteral("buyer"), QStringLiteral("--password"),
                               QStringLiteral("pw"), QStringLiteral("--id"), QStringLiteral("1")}),
                 0);
        const QByteArray sender = m_daemon.issueToken(2);
        QVERIFY(m_daemon.start());
        HttpClient http;
        QVERIFY(http.post(m_daemon.url(QStringLiteral("/chat/topics")),
                          {{QStringLiteral("peer_id"), 1}}, sender)
                    .status < 300);

        // A burst of sends in flight together; the daemon dies right after the last 201.
        const QUrl messages = m_daemon.url(QStringLiteral("/chat/topics/p2p1_2/messages"));
        QList<QPair<QUrl, QByteArray>> posts;
        for (int i = 0; i < 100; ++i)
            posts.append({messages, "{\"content\":{\"type\":\"text/plain\",\"payload\":{\"n\":" +
                                        QByteArray::number(i) + "}}}"});
        const std::optional<QSet<qint64>> acknowledged = http.postAllAtOnce(posts, sender);
        QVERIFY(acknowledged);
        QVERIFY(m_daemon.signalAndWait(SIGKILL));
        QCOMPARE(acknowledged->size(), 100);

        QVERIFY(m_daemon.start());
        QUrl history = m_daemon.url(QStringLiteral("/chat/topics/p2p1_2/messages"));
        history.setQuery(QStringLiteral("limit=200"));
        const HttpResult stored = http.get(history, m_daemon.issueToken(1));
        QCOMPARE(stored.status, 200);
        QSet<qint64> found;
        for (const QJsonValue &message : stored.json.value(QLatin1String("data"))
                                             .toObject()
                                             .value(QLatin1String("messages"))
                                             .toArray())
            found.insert(message.toObject().value(QLatin1String("seq_id")).toInteger());
        QCOMPARE(found, *acknowledged);
        QVERIFY(m_daemon.signalAndWait(SIGTERM));
    }
#endif
};

HARAJCHAT_TEST_MAIN(DaemonTest)
#include "tst_daemon.moc"
