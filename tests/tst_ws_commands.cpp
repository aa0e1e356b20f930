// The commands of the contract's websocket-api.md, each example reproduced with its own id, and
// every answer docs/protocol.md "Socket commands" adds for what the contract does not list.
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"

#include <QJsonArray>
#include <QTest>

using namespace harajchat::test;

namespace {
QJsonObject frame(const QString &command, const QJsonObject &body)
{
    return {{command, body}};
}

void verifyTimestamp(const QJsonObject &answer)
{
    static const QRegularExpression format(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(format.match(answer.value(QLatin1String("ts")).toString()).hasMatch(),
             qPrintable(answer.value(QLatin1String("ts")).toString()));
}

// Compares everything but `ts`, which is checked for its format.
void verifyAnswer(const QJsonObject &actual, QJsonObject expected)
{
    verifyTimestamp(actual);
    QJsonObject withoutTs = actual;
    withoutTs.remove(QStringLiteral("ts"));
    QCOMPARE(withoutTs, expected);
}
} // namespace

class WsCommandsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    qint64 m_user1 = 0;
    qint64 m_user2 = 0;
    qint64 m_stranger = 0;
    QByteArray m_token1;

    QJsonObject authFrame(const QString &id, const QByteArray &token)
    {
        return frame(QStringLiteral("auth"),
                     {{QStringLiteral("id"), id},
                      {QStringLiteral("access_token"), QString::fromLatin1(token)}});
    }
    QJsonObject peerFrame(const QString &command, const QString &id, const QJsonValue &peer)
    {
        return frame(command, {{QStringLiteral("id"), id}, {QStringLiteral("peer_id"), peer}});
    }
    std::unique_ptr<WsClient> authenticatedClient() { return m_server->connectAs(m_user1); }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        m_user1 = m_server->addUser(QStringLiteral("mohammed"));
        m_user2 = m_server->addUser(QStringLiteral("abdullah_zagat"));
        m_stranger = m_server->addUser(QStringLiteral("stranger"));
        QCOMPARE(m_user1, 1);
        QCOMPARE(m_user2, 2);
        m_server->addTopic(m_user1, m_user2);
        m_token1 = m_server->issueToken(m_user1);
    }
    void cleanup() { m_server.reset(); }

    void authSuccessMatchesSpec()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        verifyAnswer(client.command(authFrame(QStringLiteral("authenticate socket"), m_token1)),
                     {{QStringLiteral("id"), QStringLiteral("authenticate socket")},
                      {QStringLiteral("status"), 200},
                      {QStringLiteral("data"), QJsonObject{{QStringLiteral("user_id"), 1}}}});
    }

    void authErrorMatchesSpec()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        verifyAnswer(client.command(authFrame(QStringLiteral("authenticate socket"), "wrong")),
                     {{QStringLiteral("id"), QStringLiteral("authenticate socket")},
                      {QStringLiteral("status"), 401},
                      {QStringLiteral("err"), QStringLiteral("ERR_INVALID_ACCESS_TOKEN")}});
        // The socket stays open for another try.
        QVERIFY(client.authenticate(m_token1));
    }

    void authWithJwt()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        const QByteArray jwt = TestServer::jwt(R"({"sub":"2","name":"abdullah_zagat"})");
        const QJsonObject answer = client.command(authFrame(QStringLiteral("jwt"), jwt));
        QCOMPARE(answer.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(
            answer.value(QLatin1String("data")).toObject().value(QLatin1String("user_id")).toInt(),
            2);
    }

    void listenSuccessMatchesSpec()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        WsClient peer;
        QVERIFY(peer.open(m_server->wsUrl()));
        QVERIFY(peer.authenticate(m_server->issueToken(m_user2)));
        verifyAnswer(client->command(
                         peerFrame(QStringLiteral("listen"), QStringLiteral("listen peer 2"), 2)),
                     {{QStringLiteral("id"), QStringLiteral("listen peer 2")},
                      {QStringLiteral("status"), 200},
                      {QStringLiteral("data"), QJsonObject{{QStringLiteral("user_id"), 1},
                                                           {QStringLiteral("peer_id"), 2},
                                                           {QStringLiteral("is_online"), true}}}});
    }

    void listenWithoutTopicIsForbidden()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        verifyAnswer(client->command(peerFrame(QStringLiteral("listen"),
                                               QStringLiteral("listen peer 2"), m_stranger)),
                     {{QStringLiteral("id"), QStringLiteral("listen peer 2")},
                      {QStringLiteral("status"), 403},
                      {QStringLiteral("err"), QStringLiteral("ERR_FORBIDDEN_ACCESS")}});
    }

    void listenToSelfOrUnknownIsForbidden()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        for (const qint64 peer : {m_user1, qint64(999)}) {
            const QJsonObject answer =
                client->command(peerFrame(QStringLiteral("listen"), QStringLiteral("x"), peer));
            QCOMPARE(answer.value(QLatin1String("status")).toInt(), 403);
        }
    }

    void listenOfflinePeer()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        const QJsonObject answer =
            client->command(peerFrame(QStringLiteral("listen"), QStringLiteral("l"), 2));
        QCOMPARE(answer.value(QLatin1String("data")).toObject().value(QLatin1String("is_online")),
                 QJsonValue(false));
    }

    void unlistenSuccessMatchesSpec()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        client->command(peerFrame(QStringLiteral("listen"), QStringLiteral("l"), 2));
        verifyAnswer(client->command(peerFrame(QStringLiteral("unlisten"),
                                               QStringLiteral("unlisten peer 2"), 2)),
                     {{QStringLiteral("id"), QStringLiteral("unlisten peer 2")},
                      {QStringLiteral("status"), 200},
                      {QStringLiteral("data"), QJsonObject{{QStringLiteral("user_id"), 1},
                                                           {QStringLiteral("peer_id"), 2}}}});
        // Not listened to any more: still 200.
        QCOMPARE(client->command(peerFrame(QStringLiteral("unlisten"), QStringLiteral("again"), 2))
                     .value(QLatin1String("status"))
                     .toInt(),
                 200);
    }

    void unlistenWithoutTopicIsForbidden()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        verifyAnswer(client->command(peerFrame(QStringLiteral("unlisten"),
                                               QStringLiteral("unlisten peer 2"), m_stranger)),
                     {{QStringLiteral("id"), QStringLiteral("unlisten peer 2")},
                      {QStringLiteral("status"), 403},
                      {QStringLiteral("err"), QStringLiteral("ERR_FORBIDDEN_ACCESS")}});
    }

    void listenBeforeAuthIsAuthRequired_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("listen") << QStringLiteral("listen");
        QTest::newRow("unlisten") << QStringLiteral("unlisten");
    }
    void listenBeforeAuthIsAuthRequired()
    {
        QFETCH(QString, command);
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        verifyAnswer(client.command(peerFrame(command, QStringLiteral("early"), 2)),
                     {{QStringLiteral("id"), QStringLiteral("early")},
                      {QStringLiteral("status"), 401},
                      {QStringLiteral("err"), QStringLiteral("ERR_AUTH_REQUIRED")}});
    }

    void badRequests_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expectedId"); // empty: no id in the answer
        QTest::newRow("not json") << QStringLiteral("{nope") << QString();
        QTest::newRow("array") << QStringLiteral("[1,2]") << QString();
        QTest::newRow("string") << QStringLiteral("\"auth\"") << QString();
        QTest::newRow("empty object") << QStringLiteral("{}") << QString();
        QTest::newRow("unknown command")
            << QStringLiteral(R"({"subscribe":{"id":"u1","peer_id":2}})") << QStringLiteral("u1");
        QTest::newRow("two commands")
            << QStringLiteral(R"({"auth":{"id":"a","access_token":"x"},"listen":{"peer_id":2}})")
            << QStringLiteral("a");
        QTest::newRow("command not object") << QStringLiteral(R"({"auth":"token"})") << QString();
        QTest::newRow("id not string")
            << QStringLiteral(R"({"listen":{"id":7,"peer_id":2}})") << QString();
        QTest::newRow("token missing")
            << QStringLiteral(R"({"auth":{"id":"t1"}})") << QStringLiteral("t1");
        QTest::newRow("token empty")
            << QStringLiteral(R"({"auth":{"id":"t2","access_token":""}})") << QStringLiteral("t2");
        QTest::newRow("token number")
            << QStringLiteral(R"({"auth":{"id":"t3","access_token":5}})") << QStringLiteral("t3");
        QTest::newRow("peer string")
            << QStringLiteral(R"({"listen":{"id":"p1","peer_id":"2"}})") << QStringLiteral("p1");
        QTest::newRow("peer zero")
            << QStringLiteral(R"({"listen":{"id":"p2","peer_id":0}})") << QStringLiteral("p2");
        QTest::newRow("peer negative")
            << QStringLiteral(R"({"unlisten":{"id":"p3","peer_id":-2}})") << QStringLiteral("p3");
        QTest::newRow("peer fraction")
            << QStringLiteral(R"({"listen":{"id":"p4","peer_id":2.5}})") << QStringLiteral("p4");
        QTest::newRow("peer too big")
            << QStringLiteral(R"({"listen":{"id":"p5","peer_id":9007199254740993}})")
            << QStringLiteral("p5");
        // Qt refuses a whole document for a number out of double's range.
        QTest::newRow("peer out of range")
            << QStringLiteral(R"({"listen":{"id":"p7","peer_id":1e400}})") << QStringLiteral("p7");
        // A malformed number is not JSON: no id is read from such a frame (found by fuzzing).
        QTest::newRow("peer malformed")
            << QStringLiteral(R"({"unlisten":{"id":"3","peer_id":90e.199254740992}})") << QString();
        QTest::newRow("peer leading zero")
            << QStringLiteral(R"({"listen":{"id":"p8","peer_id":01e400}})") << QString();
        QTest::newRow("peer missing")
            << QStringLiteral(R"({"listen":{"id":"p6"}})") << QStringLiteral("p6");
    }
    void badRequests()
    {
        QFETCH(QString, text);
        QFETCH(QString, expectedId);
        auto client = authenticatedClient();
        QVERIFY(client);
        client->sendRaw(text);
        QJsonObject expected{{QStringLiteral("status"), 400},
                             {QStringLiteral("err"), QStringLiteral("ERR_BAD_REQUEST")}};
        if (!expectedId.isEmpty())
            expected.insert(QStringLiteral("id"), expectedId);
        verifyAnswer(client->next(), expected);
        QVERIFY(client->isConnected());
    }

    void binaryFrameIsBadRequest()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        client->sendBinary(QByteArrayLiteral(R"({"listen":{"id":"b","peer_id":2}})"));
        verifyAnswer(client->next(), {{QStringLiteral("status"), 400},
                                      {QStringLiteral("err"), QStringLiteral("ERR_BAD_REQUEST")}});
        QVERIFY(client->isConnected());
    }

    void reAuthSameUserIsOk()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        const QJsonObject answer =
            client->command(authFrame(QStringLiteral("again"), m_server->issueToken(m_user1)));
        QCOMPARE(answer.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(answer.value(QLatin1String("id")).toString(), QStringLiteral("again"));
    }

    void reAuthOtherUserIsRefused()
    {
        auto client = authenticatedClient();
        QVERIFY(client);
        verifyAnswer(
            client->command(authFrame(QStringLiteral("other"), m_server->issueToken(m_user2))),
            {{QStringLiteral("id"), QStringLiteral("other")},
             {QStringLiteral("status"), 400},
             {QStringLiteral("err"), QStringLiteral("ERR_ALREADY_AUTHENTICATED")}});
        // Still bound to user 1.
        const QJsonObject listen =
            client->command(peerFrame(QStringLiteral("listen"), QStringLiteral("l"), 2));
        QCOMPARE(
            listen.value(QLatin1String("data")).toObject().value(QLatin1String("user_id")).toInt(),
            1);
    }

    void answersKeepCommandOrder()
    {
        // auth and listen need storage, the invalid frame does not; answers still come in order.
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        client.sendJson(authFrame(QStringLiteral("1"), m_token1));
        client.sendJson(peerFrame(QStringLiteral("listen"), QStringLiteral("2"), 2));
        client.sendRaw(QStringLiteral(R"({"bad":{"id":"3"}})"));
        client.sendJson(peerFrame(QStringLiteral("unlisten"), QStringLiteral("4"), 2));
        for (const char *id : {"1", "2", "3", "4"})
            QCOMPARE(client.next().value(QLatin1String("id")).toString(), QString::fromLatin1(id));
    }

    void extraFieldsAreIgnored()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        const QJsonObject answer =
            client.command(frame(QStringLiteral("auth"),
                                 {{QStringLiteral("id"), QStringLiteral("x")},
                                  {QStringLiteral("access_token"), QString::fromLatin1(m_token1)},
                                  {QStringLiteral("device"), QStringLiteral("ios")}}));
        QCOMPARE(answer.value(QLatin1String("status")).toInt(), 200);
    }

    void answerWithoutIdWhenFrameHasNone()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        const QJsonObject answer = client.command(
            frame(QStringLiteral("auth"),
                  {{QStringLiteral("access_token"), QString::fromLatin1(m_token1)}}));
        QCOMPARE(answer.value(QLatin1String("status")).toInt(), 200);
        QVERIFY(!answer.contains(QLatin1String("id")));
    }
};

HARAJCHAT_TEST_MAIN(WsCommandsTest)
#include "tst_ws_commands.moc"
