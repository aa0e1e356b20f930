// The HTTP API of the contract's http-api.md (docs/protocol.md "HTTP") served by the real daemon,
// with its envelope and error table.
#include "HttpClient.h"
#include "RawHttp.h"
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"
#include "storage/StorageQueue.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

using namespace harajchat;
using namespace harajchat::test;

namespace {
QString errorOf(const HttpResult &result)
{
    return result.json.value(QLatin1String("err")).toString();
}

QJsonObject dataOf(const HttpResult &result)
{
    return result.json.value(QLatin1String("data")).toObject();
}

} // namespace

class HttpApiTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
    qint64 m_alice = 0;
    qint64 m_bob = 0;
    QByteArray m_aliceToken;

    QUrl url(const QString &path) const { return m_server->url(path); }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>(
            [](ServerConfig &config) { config.httpIdleTimeoutMs = 500; });
        m_alice = m_server->addUser(QStringLiteral("alice"), QStringLiteral("alice-pass"));
        m_bob = m_server->addUser(QStringLiteral("abdullah_zagat"), QStringLiteral("bob-pass"));
        m_aliceToken = m_server->issueToken(m_alice);
    }
    void cleanup() { m_server.reset(); }

    void healthzNeedsNoToken()
    {
        const HttpResult result = m_http.get(url(QStringLiteral("/healthz")));
        QCOMPARE(result.status, 200);
        QVERIFY(isEnvelope(result));
        QCOMPARE(dataOf(result), QJsonObject({{QStringLiteral("status"), QStringLiteral("ok")}}));
        QCOMPARE(result.headers.value("content-type"), QByteArray("application/json"));
    }

    void loginIssuesAWorkingToken()
    {
        const HttpResult login =
            m_http.post(url(QStringLiteral("/chat/login")),
                        {{QStringLiteral("username"), QStringLiteral("abdullah_zagat")},
                         {QStringLiteral("password"), QStringLiteral("bob-pass")}});
        QCOMPARE(login.status, 200);
        QVERIFY(isEnvelope(login));
        QCOMPARE(dataOf(login).value(QLatin1String("user_id")).toInteger(), m_bob);
        QCOMPARE(dataOf(login).value(QLatin1String("name")).toString(),
                 QStringLiteral("abdullah_zagat"));
        const QByteArray token =
            dataOf(login).value(QLatin1String("access_token")).toString().toLatin1();
        QVERIFY(token.size() >= 22); // at least 128 bits in base64url

        const HttpResult me = m_http.get(url(QStringLiteral("/chat/me")), token);
        QCOMPARE(me.status, 200);
        QCOMPARE(dataOf(me),
                 QJsonObject({{QStringLiteral("user_id"), m_bob},
                              {QStringLiteral("name"), QStringLiteral("abdullah_zagat")}}));
        WsClient socket;
        QVERIFY(socket.open(m_server->wsUrl()));
        QVERIFY(socket.authenticate(token));
    }

    void loginWithWrongCredentials_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::newRow("wrong password") << QStringLiteral("alice") << QStringLiteral("nope");
        QTest::newRow("unknown user") << QStringLiteral("nobody") << QStringLiteral("alice-pass");
        QTest::newRow("empty") << QString() << QString();
    }
    void loginWithWrongCredentials()
    {
        QFETCH(QString, username);
        QFETCH(QString, password);
        const HttpResult result = m_http.post(
            url(QStringLiteral("/chat/login")),
            {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
        QCOMPARE(result.status, 401);
        QVERIFY(isEnvelope(result));
        QCOMPARE(errorOf(result), QStringLiteral("ERR_INVALID_CREDENTIALS"));
    }

    void badBodies_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("withToken");
        const QString login = QStringLiteral("/chat/login");
        const QString topics = QStringLiteral("/chat/topics");
        QTest::newRow("login not json") << login << QByteArray("username=a") << false;
        QTest::newRow("login array") << login << QByteArray("[]") << false;
        QTest::newRow("login empty") << login << QByteArray() << false;
        QTest::newRow("login missing password")
            << login << QByteArray("{\"username\":\"alice\"}") << false;
        QTest::newRow("login number")
            << login << QByteArray("{\"username\":1,\"password\":\"x\"}") << false;
        QTest::newRow("topic not json") << topics << QByteArray("{") << true;
        QTest::newRow("topic peer string") << topics << QByteArray("{\"peer_id\":\"2\"}") << true;
        QTest::newRow("topic peer zero") << topics << QByteArray("{\"peer_id\":0}") << true;
        QTest::newRow("topic peer missing") << topics << QByteArray("{}") << true;
    }
    void badBodies()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(bool, withToken);
        const HttpResult result =
            m_http.send("POST", url(path), body, withToken ? m_aliceToken : QByteArray());
        QCOMPARE(result.status, 400);
        QVERIFY(isEnvelope(result));
        QCOMPARE(errorOf(result), QStringLiteral("ERR_BAD_REQUEST"));
    }

    void invalidTokens_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("not bearer") << QByteArray("Basic YTpi");
        QTest::newRow("bearer alone") << QByteArray("Bearer");
        QTest::newRow("unknown") << QByteArray("Bearer abcdefghijklmnopqrstuvwxyz");
        QTest::newRow("jwt bad signature")
            << QByteArray("Bearer " + TestServer::jwt("{\"sub\":1}").chopped(2) + "xx");
        QTest::newRow("jwt expired")
            << QByteArray("Bearer " + TestServer::jwt("{\"sub\":1,\"exp\":1000}"));
        QTest::newRow("jwt bad sub") << QByteArray("Bearer " + TestServer::jwt("{\"sub\":\"x1\"}"));
        QTest::newRow("jwt no sub") << QByteArray("Bearer " + TestServer::jwt("{\"name\":\"a\"}"));
    }
    void invalidTokens()
    {
        QFETCH(QByteArray, authorization);
        QNetworkAccessManager manager;
        QNetworkRequest request(url(QStringLiteral("/chat/me")));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        QNetworkReply *reply = manager.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QVERIFY(reply->readAll().contains("\"err\":\"ERR_INVALID_ACCESS_TOKEN\""));
        reply->deleteLater();
    }

    void jwtStopsWorkingWhenItExpires()
    {
        // Verified tokens are remembered; the memory must not outlive `exp`.
        const qint64 exp = QDateTime::currentSecsSinceEpoch() + 2;
        const QByteArray token = TestServer::jwt(
            QStringLiteral("{\"sub\":78,\"name\":\"brief\",\"exp\":%1}").arg(exp).toUtf8());
        QCOMPARE(m_http.get(url(QStringLiteral("/chat/me")), token).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(url(QStringLiteral("/chat/me")), token).status, 401,
                                  10000);
    }

    void jwtCreatesAndRenamesTheUser()
    {
        const QByteArray first =
            TestServer::jwt("{\"sub\":\"77\",\"name\":\"seller\",\"exp\":4102444800}");
        HttpResult me = m_http.get(url(QStringLiteral("/chat/me")), first);
        QCOMPARE(me.status, 200);
        QCOMPARE(dataOf(me), QJsonObject({{QStringLiteral("user_id"), 77},
                                          {QStringLiteral("name"), QStringLiteral("seller")}}));
        const QByteArray renamed = TestServer::jwt("{\"sub\":77,\"name\":\"seller 2\"}");
        QCOMPARE(dataOf(m_http.get(url(QStringLiteral("/chat/me")), renamed))
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("seller 2"));
        // Without a name the stored one stays.
        const QByteArray nameless = TestServer::jwt("{\"sub\":77}");
        QCOMPARE(dataOf(m_http.get(url(QStringLiteral("/chat/me")), nameless))
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("seller 2"));
        // The JWT user is a real peer now.
        const HttpResult topic = m_http.post(url(QStringLiteral("/chat/topics")),
                                             {{QStringLiteral("peer_id"), 77}}, m_aliceToken);
        QCOMPARE(topic.status, 201);
    }

    void logoutRevokesTheToken()
    {
        const HttpResult logout =
            m_http.send("POST", url(QStringLiteral("/chat/logout")), {}, m_aliceToken);
        QCOMPARE(logout.status, 200);
        QCOMPARE(dataOf(logout), QJsonObject());
        QCOMPARE(m_http.get(url(QStringLiteral("/chat/me")), m_aliceToken).status, 401);
        QCOMPARE(m_http.send("POST", url(QStringLiteral("/chat/logout")), {}, m_aliceToken).status,
                 401);
    }

    void openTopicCreatesOnce()
    {
        const HttpResult created = m_http.post(url(QStringLiteral("/chat/topics")),
                                               {{QStringLiteral("peer_id"), m_bob}}, m_aliceToken);
        QCOMPARE(created.status, 201);
        QVERIFY(isEnvelope(created));
        QCOMPARE(dataOf(created),
                 QJsonObject({{QStringLiteral("topic_id"), QStringLiteral("p2p1_2")},
                              {QStringLiteral("members"), QJsonArray{1, 2}}}));
        // From the other side: the same topic, existing.
        const HttpResult existed =
            m_http.post(url(QStringLiteral("/chat/topics")), {{QStringLiteral("peer_id"), m_alice}},
                        m_server->issueToken(m_bob));
        QCOMPARE(existed.status, 200);
        QCOMPARE(dataOf(existed), dataOf(created));
    }

    void openTopicErrors()
    {
        const HttpResult self = m_http.post(url(QStringLiteral("/chat/topics")),
                                            {{QStringLiteral("peer_id"), m_alice}}, m_aliceToken);
        QCOMPARE(self.status, 403);
        QCOMPARE(errorOf(self), QStringLiteral("ERR_FORBIDDEN_ACCESS"));
        const HttpResult unknown = m_http.post(url(QStringLiteral("/chat/topics")),
                                               {{QStringLiteral("peer_id"), 4242}}, m_aliceToken);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(errorOf(unknown), QStringLiteral("ERR_NOT_FOUND"));
        const HttpResult noToken =
            m_http.post(url(QStringLiteral("/chat/topics")), {{QStringLiteral("peer_id"), m_bob}});
        QCOMPARE(noToken.status, 401);
    }

    void listTopicsNewestFirst()
    {
        const qint64 carol = m_server->addUser(QStringLiteral("carol"));
        m_http.post(url(QStringLiteral("/chat/topics")), {{QStringLiteral("peer_id"), m_bob}},
                    m_aliceToken);
        QTest::qWait(5); // distinct creation milliseconds give a defined order
        m_http.post(url(QStringLiteral("/chat/topics")), {{QStringLiteral("peer_id"), carol}},
                    m_aliceToken);
        const HttpResult list = m_http.get(url(QStringLiteral("/chat/topics")), m_aliceToken);
        QCOMPARE(list.status, 200);
        const QJsonArray topics = dataOf(list).value(QLatin1String("topics")).toArray();
        QCOMPARE(topics.size(), 2);
        QCOMPARE(topics.at(0).toObject(),
                 QJsonObject({{QStringLiteral("topic_id"), QStringLiteral("p2p1_3")},
                              {QStringLiteral("peer_id"), carol},
                              {QStringLiteral("peer_name"), QStringLiteral("carol")},
                              {QStringLiteral("last_message"), QJsonValue::Null},
                              {QStringLiteral("unread"), 0}}));
        QCOMPARE(topics.at(1).toObject().value(QLatin1String("peer_name")).toString(),
                 QStringLiteral("abdullah_zagat"));
        const HttpResult empty =
            m_http.get(url(QStringLiteral("/chat/topics")), m_server->issueToken(carol));
        QCOMPARE(dataOf(empty).value(QLatin1String("topics")).toArray().size(), 1);
    }

    void unknownPathAndWrongMethod()
    {
        const HttpResult unknown = m_http.get(url(QStringLiteral("/chat/nothing")), m_aliceToken);
        QCOMPARE(unknown.status, 404);
        QVERIFY(isEnvelope(unknown));
        QCOMPARE(errorOf(unknown), QStringLiteral("ERR_NOT_FOUND"));
        const HttpResult wrongMethod =
            m_http.send("DELETE", url(QStringLiteral("/chat/topics")), {}, m_aliceToken);
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(errorOf(wrongMethod), QStringLiteral("ERR_METHOD_NOT_ALLOWED"));
        QCOMPARE(wrongMethod.headers.value("allow"), QByteArray("POST, GET, HEAD, OPTIONS"));
        QCOMPARE(m_http.send("POST", url(QStringLiteral("/chat/me")), {}, m_aliceToken).status,
                 405);
    }

    void webSocketPathRules()
    {
        QCOMPARE(m_http.get(url(QStringLiteral("/chat/ws"))).status, 400); // no upgrade
        const HttpResult post = m_http.send("POST", url(QStringLiteral("/chat/ws")), "{}");
        QCOMPARE(post.status, 405);
        QCOMPARE(post.headers.value("allow"), QByteArray("GET, HEAD, OPTIONS"));
        // An upgrade on any other path is a plain 404.
        RawHttp raw(m_server->port());
        raw.send(
            "GET /chat/socket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        const QByteArrayList answers = raw.responses();
        QCOMPARE(answers.size(), 1);
        QVERIFY(answers.first().startsWith("HTTP/1.1 404 "));
    }

    // Caps count connections over their whole life, a WebSocket's too; the one over a cap is
    // answered 503 with Retry-After in the contract's envelope, and closed.
    void connectionCaps_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("perAddress");
        QTest::newRow("in all") << 2 << 0;
        QTest::newRow("per address") << 100 << 2;
    }
    void connectionCaps()
    {
        QFETCH(int, total);
        QFETCH(int, perAddress);
        m_server = std::make_unique<TestServer>([total, perAddress](ServerConfig &config) {
            config.maxConnections = total;
            config.maxConnectionsPerIp = perAddress;
        });
        const QByteArray token = m_server->issueToken(m_server->addUser(QStringLiteral("carol")));
        const QByteArray healthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        WsClient socket;
        QVERIFY(socket.open(m_server->wsUrl()));
        QVERIFY(socket.authenticate(token));
        RawHttp keptAlive(m_server->port());
        keptAlive.send(healthz);
        QVERIFY(keptAlive.responses().first().startsWith("HTTP/1.1 200 "));

        RawHttp refused(m_server->port());
        refused.send(healthz);
        const QByteArray answer = refused.responses().value(0);
        QVERIFY2(answer.startsWith("HTTP/1.1 503 "), answer.constData());
        QVERIFY(answer.contains("\r\nRetry-After: 5\r\n"));
        QVERIFY(answer.contains("\"status\":503") &&
                answer.contains("\"err\":\"ERR_RATE_LIMITED\""));
        QVERIFY(refused.waitForClose());

        // Once the socket has gone, there is room again.
        socket.close();
        QVERIFY(socket.waitForDisconnect());
        QTRY_COMPARE(m_http.get(url(QStringLiteral("/healthz"))).status, 200);
    }

    // Stopping (SIGTERM) answers the requests already read: the sends below wait for storage,
    // held until stop() has begun, and each gets its 201 with `Connection: close`; an idle
    // keep-alive connection is closed; every acknowledged message is stored.
    void stopAnswersTheRequestsInFlight()
    {
        m_server->addTopic(m_alice, m_bob);
        RawHttp idle(m_server->port());
        idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(idle.responses().first().contains("Connection: keep-alive"));
        StorageQueue &storage = m_server->server().storage();
        QSemaphore storageHeld;
        QSemaphore release;
        const auto releaseStorage = qScopeGuard([&release] { release.release(); });
        storage.submit<bool>(
            this,
            [&storageHeld, &release](Storage &) {
                storageHeld.release();
                release.acquire();
                return true;
            },
            [](StorageResult<bool>) {});
        storageHeld.acquire();

        constexpr int Sends = 5;
        std::vector<std::unique_ptr<RawHttp>> senders;
        for (int i = 0; i < Sends; ++i) {
            const QByteArray body = "{\"content\":{\"type\":\"text/plain\",\"payload\":{\"n\":" +
                                    QByteArray::number(i) + "}}}";
            senders.push_back(std::make_unique<RawHttp>(m_server->port()));
            senders.back()->send("POST /chat/topics/p2p1_2/messages HTTP/1.1\r\nHost: x\r\n"
                                 "Authorization: Bearer " +
                                 m_aliceToken + "\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
        // Every request is read: its first job waits behind the held one.
        QTRY_COMPARE(storage.queuedJobs(), std::size_t(Sends));

        QSignalSpy stopped(&m_server->server(), &ChatServer::stopped);
        m_server->server().stop();
        release.release();
        for (const auto &sender : senders) {
            const QByteArrayList answers = sender->responses();
            QCOMPARE(answers.size(), 1);
            QVERIFY2(answers.first().startsWith("HTTP/1.1 201 "), answers.first().constData());
            QVERIFY(answers.first().contains("Connection: close"));
            QVERIFY(sender->waitForClose());
        }
        QVERIFY(idle.waitForClose());
        QTRY_COMPARE(stopped.count(), 1);

        m_server->restart();
        QUrl history = url(QStringLiteral("/chat/topics/p2p1_2/messages"));
        history.setQuery(QStringLiteral("limit=100"));
        const HttpResult stored = m_http.get(history, m_aliceToken);
        QCOMPARE(stored.status, 200);
        QCOMPARE(dataOf(stored).value(QLatin1String("messages")).toArray().size(), Sends);
    }
};

HARAJCHAT_TEST_MAIN(HttpApiTest)
#include "tst_http_api.moc"
