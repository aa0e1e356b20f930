// Two daemons on one PostgreSQL database behave as one server (issue #6): packets, presence and
// typing cross nodes, a killed node's users go offline, a push goes out once. Runs only against
// the test PostgreSQL cluster (tst_cluster_pg).
#include "FakeHttpServer.h"
#include "HttpClient.h"
#include "TestDatabase.h"
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"
#include "presence/PresenceRegistry.h"
#include "push/PushService.h"
#include "storage/StorageQueue.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace harajchat;
using namespace harajchat::test;

namespace {
const QString Topic = QStringLiteral("p2p1_2");
constexpr qint64 HeartbeatMs = 200;
constexpr qint64 NodeTimeoutMs = 1500;

void clusterTimings(ServerConfig &config)
{
    config.cluster.heartbeatIntervalMs = HeartbeatMs;
    config.cluster.nodeTimeoutMs = NodeTimeoutMs;
    config.typingTimeoutMs = 60000;
}

QJsonObject listenTo(qint64 peer)
{
    return {{QStringLiteral("listen"), QJsonObject{{QStringLiteral("id"), QStringLiteral("l")},
                                                   {QStringLiteral("peer_id"), peer}}}};
}

QJsonObject textMessage(const QString &text = QStringLiteral("hi"))
{
    return {
        {QStringLiteral("content"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("text/plain")},
                     {QStringLiteral("payload"), QJsonObject{{QStringLiteral("text"), text}}}}}};
}

QString presenceOf(const QJsonObject &packet)
{
    return packet.value(QLatin1String("pres")).toObject().value(QLatin1String("what")).toString();
}

// An administrator of the test cluster, acting on the nodes' database from another one (a database
// cannot refuse connections to itself).
class DatabaseAdmin
{
public:
    explicit DatabaseAdmin(const PostgresSettings &pg)
        : m_database(pg.database)
    {
        StorageSettings settings;
        settings.driver = QStringLiteral("postgres");
        settings.postgres = pg;
        settings.postgres.database = QStringLiteral("postgres");
        settings.applicationName = QStringLiteral("tst_cluster admin");
        m_db = openDatabase(settings, m_name);
    }
    ~DatabaseAdmin()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool run(const QString &statement)
    {
        QSqlQuery query(m_db);
        return query.exec(statement);
    }
    // Ends the nodes' connections whose application name matches `pattern` (SQL LIKE).
    bool endConnections(const QString &pattern = QStringLiteral("%"))
    {
        return run(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE"
                                  " datname = '%1' AND application_name LIKE '%2'")
                       .arg(m_database, pattern));
    }
    // The database refuses new connections and ends the nodes' ones, as during an outage.
    bool beginOutage()
    {
        return run(QStringLiteral("ALTER DATABASE \"%1\" WITH ALLOW_CONNECTIONS false")
                       .arg(m_database)) &&
               endConnections();
    }
    bool endOutage()
    {
        return run(
            QStringLiteral("ALTER DATABASE \"%1\" WITH ALLOW_CONNECTIONS true").arg(m_database));
    }

private:
    const QString m_name = QStringLiteral("tst-cluster-outage");
    QString m_database;
    QSqlDatabase m_db;
};
} // namespace

class ClusterTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
    HttpClient m_http;
    qint64 m_seller = 0; // user 1
    qint64 m_buyer = 0;  // user 2
    qint64 m_watcher = 0;

    // Node B shares node A's database.
    std::unique_ptr<TestServer> secondNode(const std::function<void(ServerConfig &)> &tweak = {})
    {
        const PostgresSettings shared = m_a->config().postgres;
        return std::make_unique<TestServer>([&](ServerConfig &config) {
            config.postgres = shared;
            clusterTimings(config);
            if (tweak)
                tweak(config);
        });
    }

    // How many connections the nodes hold to the shared database; `terminate` then ends them.
    int databaseBackends(bool terminate)
    {
        StorageSettings admin;
        admin.driver = QStringLiteral("postgres");
        admin.postgres = m_a->config().postgres;
        const QString name = QStringLiteral("tst-cluster-admin");
        int count = -1;
        {
            QSqlDatabase db = openDatabase(admin, name);
            QSqlQuery query(db);
            const QString others =
                QStringLiteral(" FROM pg_stat_activity WHERE datname ="
                               " current_database() AND pid <> pg_backend_pid()");
            if (query.exec(QStringLiteral("SELECT COUNT(*)") + others) && query.next())
                count = query.value(0).toInt();
            if (terminate)
                query.exec(QStringLiteral("SELECT pg_terminate_backend(pid)") + others);
        }
        QSqlDatabase::removeDatabase(name);
        return count;
    }

    // The seller sends a message through node A; true when `socket` receives it.
    bool sellerReaches(WsClient &socket)
    {
        return m_http.post(topicUrl(*m_a, QStringLiteral("messages")), textMessage(),
                           m_a->issueToken(m_seller))
                       .status == 201 &&
               socket.next().contains(QLatin1String("message"));
    }

    QUrl topicUrl(TestServer &node, const QString &what)
    {
        return node.url(QStringLiteral("/chat/topics/%1/%2").arg(Topic, what));
    }

private slots:
    void init()
    {
        if (!testingPostgres())
            QSKIP("needs the test PostgreSQL cluster (run as tst_cluster_pg)");
        m_a = std::make_unique<TestServer>(clusterTimings);
        m_b = secondNode();
        m_seller = m_a->addUser(QStringLiteral("seller"));
        m_buyer = m_a->addUser(QStringLiteral("buyer"));
        m_watcher = m_a->addUser(QStringLiteral("watcher"));
        m_a->addTopic(m_seller, m_buyer);
        m_a->addTopic(m_watcher, m_buyer); // presence is for peers of a topic
    }

    void cleanup()
    {
        m_b.reset();
        m_a.reset();
    }

    void messageSentThroughOneNodeReachesASocketOnTheOther()
    {
        auto buyerOnB = m_b->connectAs(m_buyer);
        auto sellerOnB = m_b->connectAs(m_seller);
        QVERIFY(buyerOnB && sellerOnB);
        QTRY_VERIFY(m_a->server().presence().isOnline(m_buyer)); // A has heard of B's sockets

        const HttpResult sent = m_http.post(topicUrl(*m_a, QStringLiteral("messages")),
                                            textMessage(), m_a->issueToken(m_seller));
        QCOMPARE(sent.status, 201);
        const QJsonObject message = buyerOnB->next().value(QLatin1String("message")).toObject();
        const QJsonObject answered = sent.json.value(QLatin1String("data")).toObject();
        for (const char *field : {"topic_id", "seq_id", "from_id", "name", "content", "ts"})
            QCOMPARE(message.value(QLatin1String(field)), answered.value(QLatin1String(field)));
        QVERIFY(sellerOnB->nothingElseReceived()); // never to the sender

        // Reads marked through B reach the sender's socket on A.
        auto sellerOnA = m_a->connectAs(m_seller);
        QVERIFY(sellerOnA);
        const qint64 seqId = answered.value(QLatin1String("seq_id")).toInteger();
        QCOMPARE(m_http
                     .post(topicUrl(*m_b, QStringLiteral("reads")),
                           {{QStringLiteral("up_to"), seqId}}, m_b->issueToken(m_buyer))
                     .status,
                 200);
        const QJsonObject reads = sellerOnA->next().value(QLatin1String("reads")).toObject();
        QCOMPARE(reads.value(QLatin1String("seq_ids")).toArray(), QJsonArray{seqId});
        QCOMPARE(sellerOnB->next().value(QLatin1String("reads")).toObject(), reads);
    }

    void concurrentSendsThroughBothNodesKeepOneOrder()
    {
        auto buyerOnA = m_a->connectAs(m_buyer);
        QVERIFY(buyerOnA);
        QTRY_VERIFY(m_b->server().presence().isOnline(m_buyer));
        // The seller sends through both nodes at once, many requests in flight on each.
        const QByteArray seller = m_a->issueToken(m_seller);
        QList<QPair<QUrl, QByteArray>> posts;
        constexpr int PerNode = 40;
        for (int i = 0; i < PerNode; ++i) {
            for (TestServer *node : {m_a.get(), m_b.get()})
                posts.append({topicUrl(*node, QStringLiteral("messages")),
                              QJsonDocument(textMessage(QString::number(i))).toJson()});
        }
        const std::optional<QSet<qint64>> sent = m_http.postAllAtOnce(posts, seller);
        QVERIFY(sent);
        const QSet<qint64> &answered = *sent;
        QCOMPARE(answered.size(), 2 * PerNode); // no seq_id handed out twice
        // The recipient's socket gets every message once, in seq_id order.
        qint64 previous = 0;
        for (int i = 0; i < 2 * PerNode; ++i) {
            const qint64 seqId = buyerOnA->next()
                                     .value(QLatin1String("message"))
                                     .toObject()
                                     .value(QLatin1String("seq_id"))
                                     .toInteger();
            QVERIFY2(seqId > previous,
                     qPrintable(QStringLiteral("%1 after %2").arg(seqId).arg(previous)));
            QVERIFY(answered.contains(seqId));
            previous = seqId;
        }
        QVERIFY(buyerOnA->nothingElseReceived());
    }

    void restartedNodeRejoins()
    {
        m_b->restart(); // leaves the cluster cleanly, joins again under a new node id
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QTRY_VERIFY(m_a->server().presence().isOnline(m_buyer));
        QVERIFY(sellerReaches(*buyerOnB));
    }

    void connectionsCutByTheDatabaseAreReopened()
    {
        auto watcher = m_a->connectAs(m_watcher);
        QVERIFY(watcher);
        watcher->command(listenTo(m_buyer));
        // The database ends every connection of both nodes (a restart, a failover, a cut).
        QCOMPARE(databaseBackends(true), 4); // storage and notifications, on each node
        // Storage reopens on its next batch (heartbeats come every 200 ms); notifications when
        // the probe of the next heartbeat finds the connection gone.
        QTRY_COMPARE(databaseBackends(false), 4);
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QCOMPARE(presenceOf(watcher->next()), QStringLiteral("online"));
        QVERIFY(sellerReaches(*buyerOnB));
    }

    // Each member of ten shared topics sends through another node, all at once: the nodes lock the
    // topics of a batch in one order, so no batch ever loses a deadlock.
    void sharedTopicsThroughBothNodesNeverDeadlock()
    {
        QList<HttpClient::Post> posts;
        for (int pair = 0; pair < 10; ++pair) {
            const qint64 first = m_a->addUser(QStringLiteral("first%1").arg(pair));
            const qint64 second = m_a->addUser(QStringLiteral("second%1").arg(pair));
            m_a->addTopic(first, second);
            const QString topic = QStringLiteral("p2p%1_%2")
                                      .arg(std::min(first, second))
                                      .arg(std::max(first, second));
            for (int i = 0; i < 6; ++i) {
                const QByteArray body = QJsonDocument(textMessage(QString::number(i))).toJson();
                const QString path = QStringLiteral("/chat/topics/%1/messages").arg(topic);
                posts.append({m_a->url(path), body, m_a->issueToken(first)});
                posts.append({m_b->url(path), body, m_b->issueToken(second)});
            }
        }
        const std::optional<QSet<qint64>> sent = m_http.postAllAtOnce(posts);
        QVERIFY(sent); // every one answered 201
        QCOMPARE(m_a->server().storage().conflicts() + m_b->server().storage().conflicts(), 0);
    }

    // Session records that failed during an outage are made right once the database is back:
    // a socket closed meanwhile is offline everywhere, one opened meanwhile gets its packets.
    void presenceIsRepairedAfterAnOutage()
    {
        auto watcher = m_a->connectAs(m_watcher);
        QVERIFY(watcher);
        watcher->command(listenTo(m_buyer));
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QCOMPARE(presenceOf(watcher->next()), QStringLiteral("online"));
        // A JWT the node verified once authenticates from memory, also while storage is down.
        const QByteArray sellerJwt =
            TestServer::jwt("{\"sub\":" + QByteArray::number(m_seller) + ",\"name\":\"seller\"}");
        WsClient first;
        QVERIFY(first.open(m_a->wsUrl()) && first.authenticate(sellerJwt));
        first.close();

        DatabaseAdmin admin(m_a->config().postgres);
        QVERIFY(admin.beginOutage());
        buyerOnB->close();
        QVERIFY(buyerOnB->waitForDisconnect());
        WsClient sellerOnA;
        QVERIFY(sellerOnA.open(m_a->wsUrl()) && sellerOnA.authenticate(sellerJwt));
        QVERIFY(admin.endOutage());

        QCOMPARE(presenceOf(watcher->next(10000)), QStringLiteral("offline"));
        QTRY_VERIFY(m_b->server().presence().isOnline(m_seller));
        const HttpResult sent = m_http.post(topicUrl(*m_b, QStringLiteral("messages")),
                                            textMessage(), m_b->issueToken(m_buyer));
        QCOMPARE(sent.status, 201);
        QCOMPARE(sellerOnA.next()
                     .value(QLatin1String("message"))
                     .toObject()
                     .value(QLatin1String("seq_id")),
                 sent.json.value(QLatin1String("data")).toObject().value(QLatin1String("seq_id")));
    }

    // Node A's notification connection is cut; a message for its socket is published meanwhile.
    // Once A listens again it delivers what it missed, once.
    void messagesMissedWhileNotificationsWereCutAreDelivered()
    {
        auto buyerOnA = m_a->connectAs(m_buyer);
        QVERIFY(buyerOnA);
        QTRY_VERIFY(m_b->server().presence().isOnline(m_buyer));
        DatabaseAdmin admin(m_a->config().postgres);
        QVERIFY(admin.endConnections(QStringLiteral("harajchatd listener ") +
                                     m_a->server().clusterNodeId()));
        const HttpResult sent = m_http.post(topicUrl(*m_b, QStringLiteral("messages")),
                                            textMessage(), m_b->issueToken(m_seller));
        QCOMPARE(sent.status, 201);
        QCOMPARE(buyerOnA->next()
                     .value(QLatin1String("message"))
                     .toObject()
                     .value(QLatin1String("seq_id")),
                 sent.json.value(QLatin1String("data")).toObject().value(QLatin1String("seq_id")));
        QVERIFY(buyerOnA->nothingElseReceived());
    }

    // During an outage sends fail with the contract's 500 envelope and /healthz says 503; after
    // it the nodes reconnect by themselves, and every message answered 201 is stored.
    void anOutageFailsSendsCleanlyAndLosesNothing()
    {
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QTRY_VERIFY(m_a->server().presence().isOnline(m_buyer));
        const QByteArray seller = m_a->issueToken(m_seller);
        const QUrl messages = topicUrl(*m_a, QStringLiteral("messages"));
        QList<qint64> acknowledged;
        const auto send = [&] {
            const HttpResult sent = m_http.post(messages, textMessage(), seller);
            if (sent.status == 201)
                acknowledged.append(sent.json.value(QLatin1String("data"))
                                        .toObject()
                                        .value(QLatin1String("seq_id"))
                                        .toInteger());
            return sent;
        };
        QCOMPARE(send().status, 201);
        DatabaseAdmin admin(m_a->config().postgres);
        QVERIFY(admin.beginOutage());
        const HttpResult failed = send();
        QCOMPARE(failed.status, 500);
        QVERIFY(isEnvelope(failed));
        QCOMPARE(failed.json.value(QLatin1String("err")).toString(),
                 QStringLiteral("ERR_SERVER_INTERNAL_ERROR"));
        QCOMPARE(m_http.get(m_a->url(QStringLiteral("/healthz"))).status, 503);
        QVERIFY(admin.endOutage());

        QTRY_COMPARE(m_http.get(m_a->url(QStringLiteral("/healthz"))).status, 200);
        QCOMPARE(send().status, 201);
        // Cross-node delivery is back: the last message reaches the socket on B.
        qint64 last = 0;
        while (last != acknowledged.last()) {
            const QJsonObject packet = buyerOnB->next();
            QVERIFY(!packet.isEmpty());
            last = packet.value(QLatin1String("message"))
                       .toObject()
                       .value(QLatin1String("seq_id"))
                       .toInteger();
        }
        QUrl history = topicUrl(*m_b, QStringLiteral("messages"));
        history.setQuery(QStringLiteral("limit=200"));
        QList<qint64> stored;
        for (const QJsonValue &message : m_http.get(history, m_b->issueToken(m_buyer))
                                             .json.value(QLatin1String("data"))
                                             .toObject()
                                             .value(QLatin1String("messages"))
                                             .toArray())
            stored.prepend(message.toObject().value(QLatin1String("seq_id")).toInteger());
        QCOMPARE(stored, acknowledged);
    }

    void presenceCrossesNodesOncePerChange()
    {
        auto watcher = m_a->connectAs(m_watcher);
        QVERIFY(watcher);
        QCOMPARE(watcher->command(listenTo(m_buyer)).value(QLatin1String("status")).toInt(), 200);

        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QCOMPARE(presenceOf(watcher->next()), QStringLiteral("online"));
        auto buyerOnA = m_a->connectAs(m_buyer); // a second socket, on the other node
        QVERIFY(buyerOnA);
        buyerOnB->close();
        QVERIFY(buyerOnB->waitForDisconnect());
        QTRY_VERIFY(!m_b->server().presence().hasLocalSessions(m_buyer));
        QVERIFY(watcher->nothingElseReceived()); // still online through node A

        buyerOnA->close();
        QCOMPARE(presenceOf(watcher->next()), QStringLiteral("offline"));
        QVERIFY(watcher->nothingElseReceived());
    }

    void typingCrossesNodes()
    {
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QTRY_VERIFY(m_a->server().presence().isOnline(m_buyer));
        const QByteArray seller = m_a->issueToken(m_seller);
        QCOMPARE(m_http
                     .post(topicUrl(*m_a, QStringLiteral("typing")),
                           {{QStringLiteral("typing"), true}}, seller)
                     .status,
                 200);
        QCOMPARE(presenceOf(buyerOnB->next()), QStringLiteral("typing"));
        QCOMPARE(m_http
                     .post(topicUrl(*m_a, QStringLiteral("typing")),
                           {{QStringLiteral("typing"), false}}, seller)
                     .status,
                 200);
        QCOMPARE(presenceOf(buyerOnB->next()), QStringLiteral("stop_typing"));
    }

    void largePacketsTravelByReference()
    {
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QTRY_VERIFY(m_a->server().presence().isOnline(m_buyer));
        // Over NOTIFY's 8000-byte payload limit.
        const QString text(12000, QLatin1Char('x'));
        const HttpResult sent = m_http.post(topicUrl(*m_a, QStringLiteral("messages")),
                                            textMessage(text), m_a->issueToken(m_seller));
        QCOMPARE(sent.status, 201);
        const QJsonObject message = buyerOnB->next().value(QLatin1String("message")).toObject();
        QCOMPARE(message.value(QLatin1String("content")),
                 textMessage(text).value(QLatin1String("content")));
    }

#ifdef Q_OS_UNIX
    // Node C as a real daemon process on the shared database, so it can die by SIGKILL; returns
    // its port (0 when it did not start).
    quint16 startNodeC(QProcess &nodeC, const QTemporaryDir &dir, const QByteArray &extraIni = {})
    {
        const PostgresSettings pg = m_a->config().postgres;
        const QString ini = dir.filePath(QStringLiteral("node-c.ini"));
        QFile file(ini);
        if (!file.open(QIODevice::WriteOnly))
            return 0;
        file.write(QStringLiteral("[storage]\ndriver=postgres\nhost=%1\nport=%2\ndatabase=%3\n"
                                  "user=%4\n[cluster]\nheartbeat_interval=%5ms\nnode_timeout=%6ms\n"
                                  "[admin]\nlisten=off\n")
                       .arg(pg.host)
                       .arg(pg.port)
                       .arg(pg.database, pg.user)
                       .arg(HeartbeatMs)
                       .arg(NodeTimeoutMs)
                       .toUtf8() +
                   extraIni);
        file.close();
        nodeC.start(QStringLiteral(HARAJCHATD_PATH),
                    {QStringLiteral("--config"), ini, QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:0")});
        if (!nodeC.waitForStarted())
            return 0;
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+) "));
        QByteArray log;
        QSignalSpy output(&nodeC, &QProcess::readyReadStandardError);
        while (!listening.match(QString::fromUtf8(log)).hasMatch()) {
            if (!output.wait(15000))
                return 0;
            log += nodeC.readAllStandardError();
        }
        return quint16(listening.match(QString::fromUtf8(log)).captured(1).toUInt());
    }

    // A node dies by SIGKILL in the middle of sends: its users go offline on the others within
    // cluster/node_timeout, and every message it answered 201 is stored.
    void killedNodesUsersGoOfflineElsewhere()
    {
        QTemporaryDir dir;
        QProcess nodeC;
        const quint16 port = startNodeC(nodeC, dir);
        QVERIFY(port);

        auto watcher = m_a->connectAs(m_watcher);
        QVERIFY(watcher);
        watcher->command(listenTo(m_buyer));
        WsClient buyerOnC;
        QVERIFY(buyerOnC.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chat/ws").arg(port))));
        QVERIFY(buyerOnC.authenticate(m_a->issueToken(m_buyer)));
        QCOMPARE(presenceOf(watcher->next()), QStringLiteral("online"));

        const QUrl messages(
            QStringLiteral("http://127.0.0.1:%1/chat/topics/%2/messages").arg(port).arg(Topic));
        QList<QPair<QUrl, QByteArray>> posts;
        for (int i = 0; i < 40; ++i)
            posts.append({messages, QJsonDocument(textMessage(QString::number(i))).toJson()});
        const std::optional<QSet<qint64>> acknowledged =
            m_http.postAllAtOnce(posts, m_a->issueToken(m_seller));
        QVERIFY(acknowledged);
        ::kill(pid_t(nodeC.processId()), SIGKILL);
        QVERIFY(nodeC.waitForFinished());
        // Noticed within the node timeout (a heartbeat or two more for the test's own slack).
        QCOMPARE(presenceOf(watcher->next(int(NodeTimeoutMs + 2 * HeartbeatMs + 3000))),
                 QStringLiteral("offline"));
        QVERIFY(!m_a->server().presence().isOnline(m_buyer));

        QUrl history = topicUrl(*m_a, QStringLiteral("messages"));
        history.setQuery(QStringLiteral("limit=200"));
        QSet<qint64> stored;
        for (const QJsonValue &message : m_http.get(history, m_a->issueToken(m_buyer))
                                             .json.value(QLatin1String("data"))
                                             .toObject()
                                             .value(QLatin1String("messages"))
                                             .toArray())
            stored.insert(message.toObject().value(QLatin1String("seq_id")).toInteger());
        QVERIFY(stored.contains(*acknowledged));
    }

    // A node dies by SIGKILL with a push in flight: once it is reaped, another node sends it.
    void killedNodesPushesAreTakenOver()
    {
        FakeHttpServer fcm;
        fcm.setHandler([](const RecordedRequest &) {
            return FakeResponse{200, "{\"results\":[{\"message_id\":\"9\"}]}", {}};
        });
        fcm.setHolding(true); // node C's request is never answered
        const PostgresSettings shared = m_a->config().postgres;
        m_a.reset();
        m_a = std::make_unique<TestServer>([&](ServerConfig &config) {
            config.postgres = shared;
            clusterTimings(config);
            config.push.transport = QStringLiteral("fcm-legacy");
            config.push.endpoint = fcm.url(QStringLiteral("/fcm/send"));
            config.push.serverKey = "server-key";
            config.push.pollIntervalMs = 50;
        });
        QCOMPARE(m_http
                     .send("PUT", m_a->url(QStringLiteral("/chat/devices")),
                           "{\"platform\":\"android\",\"token\":\"buyer-phone\"}",
                           m_a->issueToken(m_buyer))
                     .status,
                 200);
        QTemporaryDir dir;
        QProcess nodeC;
        const quint16 port =
            startNodeC(nodeC, dir,
                       "[push]\ntransport=fcm-legacy\nserver_key=server-key\nendpoint=" +
                           fcm.url(QStringLiteral("/fcm/send")).toString().toUtf8() + "\n");
        QVERIFY(port);
        const QUrl messages(
            QStringLiteral("http://127.0.0.1:%1/chat/topics/%2/messages").arg(port).arg(Topic));
        QCOMPARE(m_http.post(messages, textMessage(), m_a->issueToken(m_seller)).status, 201);
        QTRY_COMPARE(fcm.heldCount(), 1);
        ::kill(pid_t(nodeC.processId()), SIGKILL);
        QVERIFY(nodeC.waitForFinished());
        fcm.setHolding(false);
        QTRY_VERIFY_WITH_TIMEOUT(m_a->server().push()->counters().sent == 1,
                                 int(NodeTimeoutMs + 5000));
        QCOMPARE(fcm.requests("/fcm/send").size(), 2);
    }
#endif

    void pushGoesOutOnceWhenNoNodeHoldsTheRecipient()
    {
        FakeHttpServer fcm;
        fcm.setHandler([](const RecordedRequest &) {
            return FakeResponse{200, "{\"results\":[{\"message_id\":\"9\"}]}", {}};
        });
        auto withPush = [&fcm](ServerConfig &config) {
            clusterTimings(config);
            config.push.transport = QStringLiteral("fcm-legacy");
            config.push.endpoint = fcm.url(QStringLiteral("/fcm/send"));
            config.push.serverKey = "server-key";
            config.push.pollIntervalMs = 50;
        };
        m_b = secondNode(withPush);
        const PostgresSettings shared = m_a->config().postgres;
        m_a.reset();
        m_a = std::make_unique<TestServer>([&](ServerConfig &config) {
            config.postgres = shared;
            withPush(config);
        });
        const QByteArray buyer = m_a->issueToken(m_buyer);
        QCOMPARE(m_http
                     .send("PUT", m_a->url(QStringLiteral("/chat/devices")),
                           "{\"platform\":\"android\",\"token\":\"buyer-phone\"}", buyer)
                     .status,
                 200);

        // With a socket on B, the recipient gets the packet there, and no push.
        auto buyerOnB = m_b->connectAs(m_buyer);
        QVERIFY(buyerOnB);
        QTRY_VERIFY(m_a->server().presence().isOnline(m_buyer));
        const QByteArray seller = m_a->issueToken(m_seller);
        const QUrl messages = topicUrl(*m_a, QStringLiteral("messages"));
        QCOMPARE(m_http.post(messages, textMessage(), seller).status, 201);
        QVERIFY(buyerOnB->next().contains(QLatin1String("message")));

        // With no socket anywhere, exactly one push, though both nodes poll the outbox.
        buyerOnB->close();
        QTRY_VERIFY(!m_a->server().presence().isOnline(m_buyer));
        QCOMPARE(m_http.post(messages, textMessage(), seller).status, 201);
        QTRY_COMPARE(fcm.requests("/fcm/send").size(), 1);
        // Absence can only be shown by waiting: many poll rounds of both nodes.
        QTest::qWait(1000);
        QCOMPARE(fcm.requests("/fcm/send").size(), 1);
        QCOMPARE(m_a->server().push()->counters().sent + m_b->server().push()->counters().sent, 1);
    }
};

HARAJCHAT_TEST_MAIN(ClusterTest)
#include "tst_cluster.moc"
