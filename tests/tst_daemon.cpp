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
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <vector>

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

    // Out of descriptors, the daemon pauses accepting (10 ms, doubling up to 1 s) instead of
    // failing again at once, and says so; once descriptors are free it serves the connections
    // that waited. The log counts the failed accept attempts of the episode: a handful, where
    // the busy loop this replaces made thousands a second.
    void outOfDescriptorsAcceptingPausesAndResumes()
    {
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
        // Open defect (docs/status.md, #18): under UBSan the daemon calls a slot on a destroyed
        // object when the clients it could not accept reset their connections, and exits.
        QSKIP("known UBSan report in the daemon out of descriptors: docs/status.md, #18");
#endif
#endif
        constexpr int DescriptorLimit = 64;
        DaemonProcess daemon(m_dir, QStringLiteral("descriptors.sqlite"),
                             "[http]\nmax_connections = 1000\n");
        daemon.setOpenFileLimit(DescriptorLimit, DescriptorLimit);
        QVERIFY(daemon.start());

        // More connections than the daemon has descriptors: the kernel completes them all.
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < DescriptorLimit; ++i) {
            held.push_back(std::make_unique<QTcpSocket>());
            QSignalSpy connected(held.back().get(), &QTcpSocket::connected);
            held.back()->connectToHost(QHostAddress::LocalHost, daemon.port());
            QVERIFY(connected.wait(5000));
        }
        QVERIFY(daemon
                    .waitForLog(QRegularExpression(
                        QStringLiteral("cannot accept connections \\(Too many open files\\)")))
                    .hasMatch());

        QTcpSocket waiting;
        waiting.connectToHost(QHostAddress::LocalHost, daemon.port());
        waiting.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        for (const auto &socket : held)
            socket->abort();
        QByteArray answer;
        QVERIFY(QTest::qWaitFor([&] { return (answer += waiting.readAll()).contains("\r\n\r\n"); },
                                10000));
        QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());

        const QRegularExpressionMatch resumed = daemon.waitForLog(QRegularExpression(
            QStringLiteral("accepting connections again after \\d+ ms, (\\d+) accept attempts")));
        QVERIFY(resumed.hasMatch());
        const int failedAttempts = resumed.captured(1).toInt();
        QVERIFY2(failedAttempts >= 1 && failedAttempts < 200, qPrintable(resumed.captured(0)));
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
