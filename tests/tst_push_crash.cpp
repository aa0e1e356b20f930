// A 201 means the push is durable (issue #16): the harajchatd binary, killed with SIGKILL at the
// worst moments, against a local HTTP server standing in for FCM. On SQLite and, in the _pg run,
// on PostgreSQL (where the restarted daemon is a new node and the dead one's leases are released
// when it is reaped).
#include "DaemonProcess.h"
#include "FakeHttpServer.h"
#include "HttpClient.h"
#include "TestMain.h"
#include "WsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace harajchat;
using namespace harajchat::test;

namespace {
const QByteArray LegacyPath = "/fcm/send";

// The seq_id of the message a legacy FCM request pushes.
qint64 pushedSeqId(const RecordedRequest &request)
{
    return QJsonDocument::fromJson(request.body)
        .object()
        .value(QLatin1String("data"))
        .toObject()
        .value(QLatin1String("xdata"))
        .toObject()
        .value(QLatin1String("seq_id"))
        .toInteger();
}
} // namespace

class PushCrashTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FakeHttpServer m_fcm;
    std::unique_ptr<DaemonProcess> m_daemon;
    HttpClient m_http;
    QByteArray m_senderToken;
    int m_databases = 0;

    // A fresh database with a buyer (1) who has one Android device and no socket, and a seller
    // (2) who shares a topic with them; the daemon pushes through m_fcm (the spec's legacy format).
    void startDaemon()
    {
        const QByteArray ini =
            "[push]\ntransport = fcm-legacy\nserver_key = test-key\nendpoint = " +
            m_fcm.url(QString::fromLatin1(LegacyPath)).toString().toUtf8() +
            "\npoll_interval = 100ms\nretry_base = 100ms\n"
            "[cluster]\nheartbeat_interval = 200ms\nnode_timeout = 1s\n";
        m_daemon = std::make_unique<DaemonProcess>(
            m_dir, QStringLiteral("crash%1.sqlite").arg(++m_databases), ini);
        for (const char *id : {"1", "2"})
            QCOMPARE(m_daemon->run({QStringLiteral("add-user"), QStringLiteral("--name"),
                                    QStringLiteral("user") + QLatin1String(id),
                                    QStringLiteral("--password"), QStringLiteral("pw"),
                                    QStringLiteral("--id"), QLatin1String(id)}),
                     0);
        m_senderToken = m_daemon->issueToken(2);
        QVERIFY(m_daemon->start());
        QVERIFY(m_http
                    .post(m_daemon->url(QStringLiteral("/chat/topics")),
                          {{QStringLiteral("peer_id"), 1}}, m_senderToken)
                    .status < 300);
        QCOMPARE(m_http
                     .send("PUT", m_daemon->url(QStringLiteral("/chat/devices")),
                           "{\"platform\":\"android\",\"token\":\"buyer-phone\"}",
                           m_daemon->issueToken(1))
                     .status,
                 200);
    }

    // Sends `count` messages at once; the seq_ids answered 201.
    QSet<qint64> sendBurst(int count)
    {
        const QUrl messages = m_daemon->url(QStringLiteral("/chat/topics/p2p1_2/messages"));
        QList<QPair<QUrl, QByteArray>> posts;
        for (int i = 0; i < count; ++i)
            posts.append({messages, "{\"content\":{\"type\":\"text/plain\",\"payload\":{\"text\":"
                                    "\"hi " +
                                        QByteArray::number(i) + "\"}}}"});
        return m_http.postAllAtOnce(posts, m_senderToken).value_or(QSet<qint64>());
    }

    // The seq_ids FCM was asked to push, from request `from` on.
    QList<qint64> pushedSince(qsizetype from) const
    {
        QList<qint64> seqIds;
        const QList<RecordedRequest> requests = m_fcm.requests(LegacyPath);
        for (qsizetype i = from; i < requests.size(); ++i)
            seqIds.append(pushedSeqId(requests.at(i)));
        return seqIds;
    }

    // The daemon's own count of pushes FCM accepted and it recorded, from its admin socket.
    qint64 pushesRecordedAsSent()
    {
        WsClient admin;
        if (!admin.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_daemon->adminPort()))))
            return -1;
        admin.sendJson({{QStringLiteral("type"), QStringLiteral("hello")},
                        {QStringLiteral("token"), QString()}});
        return admin.next()
            .value(QLatin1String("counters"))
            .toObject()
            .value(QLatin1String("push"))
            .toObject()
            .value(QLatin1String("sent"))
            .toInteger(-1);
    }

    int outboxRows() const
    {
        const QString connection = QStringLiteral("outbox-probe");
        int rows = -1;
        {
            QSqlDatabase db = openDatabase(m_daemon->storage(), connection);
            QSqlQuery count(db);
            if (count.exec(QStringLiteral("SELECT COUNT(*) FROM push_outbox")) && count.next())
                rows = count.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(connection);
        return rows;
    }

private slots:
    void init()
    {
        // FCM's legacy answer: a result per registration id, all delivered.
        m_fcm.setHandler([](const RecordedRequest &request) {
            const int tokens = int(QJsonDocument::fromJson(request.body)
                                       .object()
                                       .value(QLatin1String("registration_ids"))
                                       .toArray()
                                       .size());
            QJsonArray results;
            for (int i = 0; i < tokens; ++i)
                results.append(QJsonObject{{QStringLiteral("message_id"), QString::number(i)}});
            return FakeResponse{
                200, QJsonDocument(QJsonObject{{QStringLiteral("results"), results}}).toJson(), {}};
        });
    }

    void cleanup()
    {
        m_fcm.setHolding(false);
        m_fcm.releaseHeld();
        m_daemon.reset();
    }

    // FCM takes the requests but never answers: every push is in flight, or not even sent, when
    // the daemon dies right after the last 201. After the restart each one goes out.
    void everyAcknowledgedMessageIsPushedAfterAKill()
    {
        startDaemon();
        m_fcm.setHolding(true);
        const QSet<qint64> acknowledged = sendBurst(60);
        QCOMPARE(acknowledged.size(), 60);
        QVERIFY(m_daemon->signalAndWait(SIGKILL));

        const qsizetype firstRun = m_fcm.requests(LegacyPath).size();
        m_fcm.setHolding(false);
        QVERIFY(m_daemon->start());
        const auto pushedAfterRestart = [&] {
            const QList<qint64> pushed = pushedSince(firstRun);
            return QSet<qint64>(pushed.begin(), pushed.end());
        };
        QTRY_VERIFY_WITH_TIMEOUT(pushedAfterRestart().contains(acknowledged), 20000);
        QTRY_COMPARE(outboxRows(), 0);
    }

    // FCM accepted the push and the daemon recorded it: a kill -9 then sends nothing again.
    void anAcceptedPushIsNotSentAgainAfterAKill()
    {
        startDaemon();
        const qsizetype before = m_fcm.requests(LegacyPath).size();
        const QSet<qint64> first = sendBurst(1);
        QCOMPARE(first.size(), 1);
        QTRY_COMPARE(pushedSince(before), QList<qint64>(first.begin(), first.end()));
        QTRY_COMPARE(pushesRecordedAsSent(), 1); // within milliseconds of FCM's answer
        QCOMPARE(outboxRows(), 0);
        QVERIFY(m_daemon->signalAndWait(SIGKILL));

        QVERIFY(m_daemon->start());
        // A later message proves the restarted daemon went through its outbox: the first one's
        // push would have gone out before it.
        const QSet<qint64> marker = sendBurst(1);
        QTRY_VERIFY(pushedSince(before).contains(*marker.begin()));
        QCOMPARE(pushedSince(before).count(*first.begin()), 1);
    }
};

HARAJCHAT_TEST_MAIN(PushCrashTest)
#include "tst_push_crash.moc"
