// The admin socket (docs/admin-protocol.md) against the real daemon and real chat clients.
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"
#include "protocol/AdminProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace harajchat;
using namespace harajchat::test;

namespace {
const QString AdminToken = QStringLiteral("admin-secret");

QString typeOf(const QJsonObject &frame)
{
    return frame.value(QLatin1String("type")).toString();
}
} // namespace

class AdminTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    qint64 m_alice = 0;
    qint64 m_bob = 0;

    // An admin console that said hello; its first frame (the snapshot) is left unread.
    std::unique_ptr<WsClient> connectConsole()
    {
        auto console = std::make_unique<WsClient>();
        if (!console->open(m_server->adminUrl()))
            return nullptr;
        console->sendJson({{QStringLiteral("type"), QStringLiteral("hello")},
                           {QStringLiteral("token"), AdminToken}});
        return console;
    }
    // The next frame of the given type, skipping the periodic counters and deliveries.
    QJsonObject nextOfType(WsClient &console, const QString &type)
    {
        for (int i = 0; i < 200; ++i) {
            const QJsonObject frame = console.next();
            if (frame.isEmpty() || typeOf(frame) == type)
                return frame;
        }
        return {};
    }

    // The first frame of each type, in whatever order they come: with PostgreSQL the cluster
    // decides presence, so it may follow the session's own events.
    QHash<QString, QJsonObject> firstOfTypes(WsClient &console, const QStringList &types)
    {
        QHash<QString, QJsonObject> found;
        for (int i = 0; i < 200 && found.size() < types.size(); ++i) {
            const QJsonObject frame = console.next();
            if (frame.isEmpty())
                break;
            if (types.contains(typeOf(frame)) && !found.contains(typeOf(frame)))
                found.insert(typeOf(frame), frame);
        }
        return found;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.admin.token = AdminToken.toUtf8();
            config.admin.countersIntervalMs = 100;
        });
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_bob = m_server->addUser(QStringLiteral("bob"));
        m_server->addTopic(m_alice, m_bob);
    }
    void cleanup() { m_server.reset(); }

    void wrongOrMissingTokenIsRefused_data()
    {
        QTest::addColumn<QJsonObject>("hello");
        QTest::newRow("wrong token")
            << QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")},
                           {QStringLiteral("token"), QStringLiteral("guess")}};
        QTest::newRow("no token") << QJsonObject{{QStringLiteral("type"), QStringLiteral("hello")}};
        QTest::newRow("command first")
            << QJsonObject{{QStringLiteral("type"), QStringLiteral("close_session")},
                           {QStringLiteral("session_id"), 1}};
    }
    void wrongOrMissingTokenIsRefused()
    {
        QFETCH(QJsonObject, hello);
        WsClient console;
        QVERIFY(console.open(m_server->adminUrl()));
        console.sendJson(hello);
        QVERIFY(console.waitForDisconnect());
        QCOMPARE(console.closeCode(), 4401);
    }

    void snapshotListsSessionsPresenceAndCounters()
    {
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        alice->command(
            {{QStringLiteral("listen"), QJsonObject{{QStringLiteral("peer_id"), m_bob}}}});
        WsClient anonymous;
        QVERIFY(anonymous.open(m_server->wsUrl()));

        auto console = connectConsole();
        QVERIFY(console);
        const QJsonObject snapshot = console->next();
        QCOMPARE(typeOf(snapshot), QStringLiteral("snapshot"));
        const QJsonArray sessions = snapshot.value(QLatin1String("sessions")).toArray();
        QCOMPARE(sessions.size(), 2);
        admin::SessionInfo aliceSession;
        for (const QJsonValue &session : sessions) {
            const admin::SessionInfo info = admin::SessionInfo::fromJson(session.toObject());
            if (info.userId == m_alice)
                aliceSession = info;
        }
        QCOMPARE(aliceSession.name, QStringLiteral("alice"));
        QCOMPARE(aliceSession.listening, QList<qint64>{m_bob});
        QVERIFY(aliceSession.remote.startsWith(QLatin1String("127.0.0.1:")));
        QVERIFY(aliceSession.connectedAtMs > 0);
        QCOMPARE(snapshot.value(QLatin1String("online_users")).toArray(), QJsonArray{m_alice});
        const admin::Counters counters =
            admin::Counters::fromJson(snapshot.value(QLatin1String("counters")).toObject());
        QCOMPARE(counters.sockets, 2);
        QCOMPARE(counters.authenticatedSockets, 1);
        QCOMPARE(counters.usersOnline, 1);
        // Counters keep coming.
        QCOMPARE(typeOf(nextOfType(*console, QStringLiteral("counters"))),
                 QStringLiteral("counters"));
    }

    void eventsFollowASocketsLife()
    {
        auto console = connectConsole();
        QVERIFY(console);
        QCOMPARE(typeOf(console->next()), QStringLiteral("snapshot"));

        WsClient bob;
        QVERIFY(bob.open(m_server->wsUrl()));
        const admin::SessionInfo opened =
            admin::SessionInfo::fromJson(nextOfType(*console, QStringLiteral("session_opened"))
                                             .value(QLatin1String("session"))
                                             .toObject());
        QCOMPARE(opened.userId, 0);
        QVERIFY(bob.authenticate(m_server->issueToken(m_bob)));
        // The user comes online, and the session shows who it is.
        const auto afterAuth =
            firstOfTypes(*console, {QStringLiteral("presence"), QStringLiteral("session_updated")});
        const QJsonObject online = afterAuth.value(QStringLiteral("presence"));
        QCOMPARE(online.value(QLatin1String("user_id")).toInteger(), m_bob);
        QCOMPARE(online.value(QLatin1String("online")).toBool(), true);
        const admin::SessionInfo authenticated =
            admin::SessionInfo::fromJson(afterAuth.value(QStringLiteral("session_updated"))
                                             .value(QLatin1String("session"))
                                             .toObject());
        QCOMPARE(authenticated.sessionId, opened.sessionId);
        QCOMPARE(authenticated.userId, m_bob);
        QCOMPARE(authenticated.name, QStringLiteral("bob"));

        bob.command(
            {{QStringLiteral("listen"), QJsonObject{{QStringLiteral("peer_id"), m_alice}}}});
        const admin::SessionInfo listening =
            admin::SessionInfo::fromJson(nextOfType(*console, QStringLiteral("session_updated"))
                                             .value(QLatin1String("session"))
                                             .toObject());
        QCOMPARE(listening.listening, QList<qint64>{m_alice});

        bob.close();
        const auto afterClose =
            firstOfTypes(*console, {QStringLiteral("presence"), QStringLiteral("session_closed")});
        QCOMPARE(
            afterClose.value(QStringLiteral("presence")).value(QLatin1String("online")).toBool(),
            false);
        QCOMPARE(quint64(afterClose.value(QStringLiteral("session_closed"))
                             .value(QLatin1String("session_id"))
                             .toInteger()),
                 opened.sessionId);
    }

    void sendPacketReachesTheUsersSocketsByteForByte()
    {
        auto alice = m_server->connectAs(m_alice);
        auto aliceTablet = m_server->connectAs(m_alice);
        QVERIFY(alice && aliceTablet);
        QString received;
        connect(&alice->socket(), &QWebSocket::textMessageReceived, this,
                [&received](const QString &text) { received = text; });
        auto console = connectConsole();
        QVERIFY(console);
        console->next();

        const QJsonObject packet{
            {QStringLiteral("pres"),
             QJsonObject{{QStringLiteral("what"), QStringLiteral("typing")},
                         {QStringLiteral("from_id"), m_bob},
                         {QStringLiteral("topic_id"), QStringLiteral("p2p1_2")},
                         {QStringLiteral("ts"), QStringLiteral("2018-10-08T08:30:39.657Z")}}}};
        console->sendJson({{QStringLiteral("type"), QStringLiteral("send_packet")},
                           {QStringLiteral("id"), QStringLiteral("c1")},
                           {QStringLiteral("user_id"), m_alice},
                           {QStringLiteral("packet"), packet}});
        // The console sees the delivery, then the command's result.
        const QJsonObject delivered = nextOfType(*console, QStringLiteral("delivered"));
        QCOMPARE(delivered.value(QLatin1String("packet")).toObject(), packet);
        QCOMPARE(delivered.value(QLatin1String("sockets")).toInt(), 2);
        const QJsonObject result = nextOfType(*console, QStringLiteral("result"));
        QCOMPARE(result.value(QLatin1String("id")).toString(), QStringLiteral("c1"));
        QCOMPARE(result.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(result.value(QLatin1String("sockets")).toInt(), 2);
        QCOMPARE(alice->next(), packet);
        QCOMPARE(aliceTablet->next(), packet);
        QCOMPARE(received, QString::fromUtf8(QJsonDocument(packet).toJson(QJsonDocument::Compact)));
    }

    void invalidPacketsAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("packet");
        QTest::newRow("unknown") << QJsonObject{{QStringLiteral("hello"), QJsonObject{}}};
        QTest::newRow("two keys") << QJsonObject{{QStringLiteral("reads"), QJsonObject{}},
                                                 {QStringLiteral("message"), QJsonObject{}}};
        QTest::newRow("bad pres") << QJsonObject{
            {QStringLiteral("pres"),
             QJsonObject{{QStringLiteral("what"), QStringLiteral("away")}}}};
        QTest::newRow("not object") << QJsonObject{{QStringLiteral("message"), 5}};
    }
    void invalidPacketsAreRefused()
    {
        QFETCH(QJsonObject, packet);
        auto alice = m_server->connectAs(m_alice);
        auto console = connectConsole();
        QVERIFY(alice && console);
        console->next();
        console->sendJson({{QStringLiteral("type"), QStringLiteral("send_packet")},
                           {QStringLiteral("id"), QStringLiteral("bad")},
                           {QStringLiteral("user_id"), m_alice},
                           {QStringLiteral("packet"), packet}});
        const QJsonObject result = nextOfType(*console, QStringLiteral("result"));
        QCOMPARE(result.value(QLatin1String("ok")).toBool(), false);
        QVERIFY(!result.value(QLatin1String("error")).toString().isEmpty());
        QVERIFY(alice->nothingElseReceived());
    }

    void closeSessionClosesTheClient()
    {
        auto bob = m_server->connectAs(m_bob);
        auto console = connectConsole();
        QVERIFY(bob && console);
        const QJsonObject snapshot = console->next();
        const quint64 sessionId =
            admin::SessionInfo::fromJson(
                snapshot.value(QLatin1String("sessions")).toArray().first().toObject())
                .sessionId;
        console->sendJson({{QStringLiteral("type"), QStringLiteral("close_session")},
                           {QStringLiteral("id"), QStringLiteral("k")},
                           {QStringLiteral("session_id"), qint64(sessionId)}});
        QCOMPARE(nextOfType(*console, QStringLiteral("result")).value(QLatin1String("ok")).toBool(),
                 true);
        QVERIFY(bob->waitForDisconnect());
        QCOMPARE(bob->closeCode(), 4000);
        console->sendJson({{QStringLiteral("type"), QStringLiteral("close_session")},
                           {QStringLiteral("id"), QStringLiteral("again")},
                           {QStringLiteral("session_id"), 999}});
        QCOMPARE(nextOfType(*console, QStringLiteral("result")).value(QLatin1String("ok")).toBool(),
                 false);
    }

    void nonLoopbackWithoutTokenDoesNotStart()
    {
        QTemporaryDir dir;
        ServerConfig config;
        config.listenAddress = QHostAddress(QHostAddress::LocalHost);
        config.listenPort = 0;
        config.databasePath = dir.filePath(QStringLiteral("a.sqlite"));
        config.admin.address = QHostAddress(QHostAddress::AnyIPv4);
        config.admin.port = 0;
        ChatServer server(config);
        QString error;
        QVERIFY(!server.start(&error));
        QVERIFY2(error.contains(QLatin1String("admin/token")), qPrintable(error));
    }
};

HARAJCHAT_TEST_MAIN(AdminTest)
#include "tst_admin.moc"
