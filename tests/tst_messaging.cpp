// Messages, history, reads and typing through the real HTTP API, delivered to real sockets
// (docs/protocol.md "Messages", "Reads", "Typing"; the contract's http-api.md, websocket-api.md).
#include "HttpClient.h"
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace harajchat;
using namespace harajchat::test;

namespace {
const QString Topic = QStringLiteral("p2p1_2");

QJsonObject helloContent()
{
    return {{QStringLiteral("type"), QStringLiteral("text/plain")},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("text"), QStringLiteral("hello!")}}}};
}

QJsonObject dataOf(const HttpResult &result)
{
    return result.json.value(QLatin1String("data")).toObject();
}

qint64 seqOf(const QJsonObject &message)
{
    return message.value(QLatin1String("seq_id")).toInteger();
}
} // namespace

class MessagingTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
    qint64 m_mohammed = 0; // user 1, the recipient in the spec's examples
    qint64 m_abdullah = 0; // user 2, "abdullah_zagat", the sender
    qint64 m_outsider = 0;
    QByteArray m_mohammedToken;
    QByteArray m_abdullahToken;

    QUrl topicUrl(const QString &what, const QString &topic = Topic) const
    {
        return m_server->url(QStringLiteral("/chat/topics/%1/%2").arg(topic, what));
    }
    HttpResult send(const QJsonObject &body, const QByteArray &token)
    {
        return m_http.post(topicUrl(QStringLiteral("messages")), body, token);
    }
    HttpResult sendHello(const QByteArray &token)
    {
        return send({{QStringLiteral("content"), helloContent()}}, token);
    }
    HttpResult history(const QString &query, const QByteArray &token)
    {
        QUrl url = topicUrl(QStringLiteral("messages"));
        url.setQuery(query);
        return m_http.get(url, token);
    }
    QJsonArray historyMessages(const QString &query = {})
    {
        return dataOf(history(query, m_mohammedToken)).value(QLatin1String("messages")).toArray();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.typingTimeoutMs = 300;
            config.maxContentBytes = 1024;
        });
        m_mohammed = m_server->addUser(QStringLiteral("mohammed"));
        m_abdullah = m_server->addUser(QStringLiteral("abdullah_zagat"));
        m_outsider = m_server->addUser(QStringLiteral("outsider"));
        m_server->addTopic(m_mohammed, m_abdullah);
        m_server->addTopic(m_abdullah, m_outsider);
        m_mohammedToken = m_server->issueToken(m_mohammed);
        m_abdullahToken = m_server->issueToken(m_abdullah);
    }
    void cleanup() { m_server.reset(); }

    void messageReachesEveryRecipientSocketAsInTheSpec()
    {
        auto phone = m_server->connectAs(m_mohammed);
        auto tablet = m_server->connectAs(m_mohammed);
        auto senderSocket = m_server->connectAs(m_abdullah);
        auto outsider = m_server->connectAs(m_outsider);
        QVERIFY(phone && tablet && senderSocket && outsider);

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const HttpResult sent = sendHello(m_abdullahToken);
        QCOMPARE(sent.status, 201);
        QVERIFY(isEnvelope(sent));
        const QJsonObject message = dataOf(sent);
        QVERIFY(seqOf(message) >= before &&
                seqOf(message) <= QDateTime::currentMSecsSinceEpoch() + 1);
        QCOMPARE(QString::number(seqOf(message)).size(), 13);
        QVERIFY(message.value(QLatin1String("ts")).toString().endsWith(QLatin1String("Z")));
        QJsonObject expected{{QStringLiteral("topic_id"), Topic},
                             {QStringLiteral("seq_id"), seqOf(message)},
                             {QStringLiteral("from_id"), 2},
                             {QStringLiteral("name"), QStringLiteral("abdullah_zagat")},
                             {QStringLiteral("content"), helloContent()},
                             {QStringLiteral("status"), QJsonObject{{QStringLiteral("1"), false}}},
                             {QStringLiteral("ts"), message.value(QLatin1String("ts"))}};
        QCOMPARE(message, expected);

        const QJsonObject packet{{QStringLiteral("message"), expected}};
        QCOMPARE(phone->next(), packet);
        QCOMPARE(tablet->next(), packet);
        QVERIFY(phone->nothingElseReceived());
        QVERIFY(senderSocket->nothingElseReceived());
        QVERIFY(outsider->nothingElseReceived());
    }

    void packetsOfATopicArriveInSeqOrder()
    {
        auto recipient = m_server->connectAs(m_mohammed);
        QVERIFY(recipient);
        // Twenty sends in flight at once.
        QNetworkAccessManager manager;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 20; ++i) {
            QNetworkRequest request(topicUrl(QStringLiteral("messages")));
            request.setRawHeader("Authorization", "Bearer " + m_abdullahToken);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            const QJsonObject content{
                {QStringLiteral("type"), QStringLiteral("text/plain")},
                {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}};
            replies.append(manager.post(
                request, QJsonDocument(QJsonObject{{QStringLiteral("content"), content}})
                             .toJson(QJsonDocument::Compact)));
        }
        for (QNetworkReply *reply : replies) {
            QTRY_VERIFY(reply->isFinished());
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            reply->deleteLater();
        }
        qint64 previous = 0;
        for (int i = 0; i < 20; ++i) {
            const QJsonObject message =
                recipient->next().value(QLatin1String("message")).toObject();
            QVERIFY2(seqOf(message) > previous, "seq_ids strictly increase in delivery order");
            previous = seqOf(message);
        }
        QVERIFY(recipient->nothingElseReceived());
        const QJsonArray stored = historyMessages();
        QCOMPARE(stored.size(), 20);
        QCOMPARE(seqOf(stored.first().toObject()), previous); // newest first
    }

    void retriedSendIsStoredAndDeliveredOnce()
    {
        auto recipient = m_server->connectAs(m_mohammed);
        QVERIFY(recipient);
        const QJsonObject body{{QStringLiteral("content"), helloContent()},
                               {QStringLiteral("client_msg_id"), QStringLiteral("c-1")}};
        const HttpResult first = send(body, m_abdullahToken);
        QCOMPARE(first.status, 201);
        const HttpResult retry = send(body, m_abdullahToken);
        QCOMPARE(retry.status, 200);
        QCOMPARE(dataOf(retry), dataOf(first));
        QVERIFY(recipient->next().contains(QLatin1String("message")));
        QVERIFY(recipient->nothingElseReceived());
        QCOMPARE(historyMessages().size(), 1);
        // The same client id from the other member is a different message.
        QCOMPARE(m_http.post(topicUrl(QStringLiteral("messages")), body, m_mohammedToken).status,
                 201);
    }

    void historyPagesWithBeforeSinceAndLimit()
    {
        QList<qint64> seqIds;
        for (int i = 0; i < 7; ++i)
            seqIds.prepend(seqOf(dataOf(sendHello(i % 2 ? m_mohammedToken : m_abdullahToken))));
        // seqIds: newest first, like the history.
        auto seqsOf = [](const QJsonArray &messages) {
            QList<qint64> seqs;
            for (const QJsonValue &message : messages)
                seqs.append(seqOf(message.toObject()));
            return seqs;
        };
        QCOMPARE(seqsOf(historyMessages()), seqIds);
        QCOMPARE(seqsOf(historyMessages(QStringLiteral("limit=3"))), seqIds.mid(0, 3));
        QCOMPARE(seqsOf(historyMessages(QStringLiteral("limit=3&before=%1").arg(seqIds.at(2)))),
                 seqIds.mid(3, 3));
        QCOMPARE(seqsOf(historyMessages(QStringLiteral("since=%1").arg(seqIds.at(2)))),
                 seqIds.mid(0, 2));
        QCOMPARE(seqsOf(historyMessages(
                     QStringLiteral("since=%1&before=%2").arg(seqIds.at(5)).arg(seqIds.at(1)))),
                 seqIds.mid(2, 3));
        // The reconnect recipe of http-api.md: since the newest known, page on with before.
        const qint64 newestKnown = seqIds.at(6);
        QList<qint64> caughtUp;
        QString query = QStringLiteral("limit=2&since=%1").arg(newestKnown);
        for (;;) {
            const QList<qint64> page = seqsOf(historyMessages(query));
            caughtUp += page;
            if (page.size() < 2)
                break;
            query = QStringLiteral("limit=2&since=%1&before=%2").arg(newestKnown).arg(page.last());
        }
        QCOMPARE(caughtUp, seqIds.mid(0, 6));
    }

    void historyRejectsBadQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("limit zero") << QStringLiteral("limit=0");
        QTest::newRow("limit over 200") << QStringLiteral("limit=201");
        QTest::newRow("limit text") << QStringLiteral("limit=ten");
        QTest::newRow("before negative") << QStringLiteral("before=-5");
        QTest::newRow("since text") << QStringLiteral("since=yesterday");
    }
    void historyRejectsBadQueries()
    {
        QFETCH(QString, query);
        const HttpResult result = history(query, m_mohammedToken);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json.value(QLatin1String("err")).toString(),
                 QStringLiteral("ERR_BAD_REQUEST"));
    }

    void readsMarkAnswerAndNotifyOnce()
    {
        auto sender = m_server->connectAs(m_abdullah);
        auto senderTablet = m_server->connectAs(m_abdullah);
        auto reader = m_server->connectAs(m_mohammed);
        QVERIFY(sender && senderTablet && reader);
        const qint64 first = seqOf(dataOf(sendHello(m_abdullahToken)));
        const qint64 second = seqOf(dataOf(sendHello(m_abdullahToken)));
        const qint64 own = seqOf(dataOf(sendHello(m_mohammedToken)));
        const qint64 third = seqOf(dataOf(sendHello(m_abdullahToken)));
        for (int i = 0; i < 3; ++i)
            reader->next(); // the three messages from abdullah
        for (WsClient *socket : {sender.get(), senderTablet.get()})
            QVERIFY(socket->next().contains(QLatin1String("message"))); // mohammed's own message

        // Unknown ids and one's own messages are ignored; the answer is ascending.
        const HttpResult marked = m_http.post(
            topicUrl(QStringLiteral("reads")),
            {{QStringLiteral("seq_ids"), QJsonArray{second, own, 12345, first}}}, m_mohammedToken);
        QCOMPARE(marked.status, 200);
        QCOMPARE(dataOf(marked),
                 QJsonObject({{QStringLiteral("seq_ids"), QJsonArray{first, second}}}));
        for (WsClient *socket : {sender.get(), senderTablet.get()}) {
            const QJsonObject reads = socket->next().value(QLatin1String("reads")).toObject();
            QCOMPARE(reads.value(QLatin1String("from_id")).toInteger(), m_mohammed);
            QCOMPARE(reads.value(QLatin1String("topic_id")).toString(), Topic);
            QCOMPARE(reads.value(QLatin1String("seq_ids")).toArray(), (QJsonArray{first, second}));
            QVERIFY(reads.value(QLatin1String("ts")).toString().endsWith(QLatin1String("Z")));
            QCOMPARE(reads.size(), 4);
        }
        QVERIFY(reader->nothingElseReceived()); // the reader's own sockets get nothing

        // Nothing changes: empty answer, no packet.
        const HttpResult again =
            m_http.post(topicUrl(QStringLiteral("reads")),
                        {{QStringLiteral("seq_ids"), QJsonArray{first}}}, m_mohammedToken);
        QCOMPARE(dataOf(again).value(QLatin1String("seq_ids")).toArray(), QJsonArray());
        QVERIFY(sender->nothingElseReceived());

        const HttpResult upTo = m_http.post(topicUrl(QStringLiteral("reads")),
                                            {{QStringLiteral("up_to"), third}}, m_mohammedToken);
        QCOMPARE(dataOf(upTo).value(QLatin1String("seq_ids")).toArray(), QJsonArray{third});
        QCOMPARE(sender->next()
                     .value(QLatin1String("reads"))
                     .toObject()
                     .value(QLatin1String("seq_ids"))
                     .toArray(),
                 QJsonArray{third});

        // History shows the read state, from either side.
        const QJsonArray messages = historyMessages();
        for (const QJsonValue &value : messages) {
            const QJsonObject message = value.toObject();
            const bool fromAbdullah =
                message.value(QLatin1String("from_id")).toInteger() == m_abdullah;
            const QJsonObject status = message.value(QLatin1String("status")).toObject();
            QCOMPARE(status.keys(),
                     QStringList{fromAbdullah ? QStringLiteral("1") : QStringLiteral("2")});
            QCOMPARE(status.begin().value().toBool(), fromAbdullah);
        }
    }

    void readsRejectsBadBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("neither") << QByteArray("{}");
        QTest::newRow("both") << QByteArray("{\"seq_ids\":[1],\"up_to\":2}");
        QTest::newRow("ids not array") << QByteArray("{\"seq_ids\":1}");
        QTest::newRow("id string") << QByteArray("{\"seq_ids\":[\"1\"]}");
        QTest::newRow("up_to negative") << QByteArray("{\"up_to\":-1}");
        QTest::newRow("not json") << QByteArray("seq_ids=1");
    }
    void readsRejectsBadBodies()
    {
        QFETCH(QByteArray, body);
        QCOMPARE(
            m_http.send("POST", topicUrl(QStringLiteral("reads")), body, m_mohammedToken).status,
            400);
    }

    void topicsListShowsLastMessageAndUnread()
    {
        sendHello(m_abdullahToken);
        const QJsonObject last = dataOf(sendHello(m_abdullahToken));
        const QJsonArray topics =
            dataOf(m_http.get(m_server->url(QStringLiteral("/chat/topics")), m_mohammedToken))
                .value(QLatin1String("topics"))
                .toArray();
        QCOMPARE(topics.size(), 1);
        QCOMPARE(topics.at(0).toObject().value(QLatin1String("last_message")).toObject(), last);
        QCOMPARE(topics.at(0).toObject().value(QLatin1String("unread")).toInt(), 2);
        // The sender has nothing unread; the topic with activity comes first.
        const QJsonArray senderTopics =
            dataOf(m_http.get(m_server->url(QStringLiteral("/chat/topics")), m_abdullahToken))
                .value(QLatin1String("topics"))
                .toArray();
        QCOMPARE(senderTopics.size(), 2);
        QCOMPARE(senderTopics.at(0).toObject().value(QLatin1String("topic_id")).toString(), Topic);
        QCOMPARE(senderTopics.at(0).toObject().value(QLatin1String("unread")).toInt(), 0);
        QCOMPARE(senderTopics.at(1).toObject().value(QLatin1String("last_message")),
                 QJsonValue(QJsonValue::Null));
    }

    void typingGoesToThePeerAndStopsOnce()
    {
        auto peer = m_server->connectAs(m_mohammed);
        auto typer = m_server->connectAs(m_abdullah);
        QVERIFY(peer && typer);
        const QUrl typing = topicUrl(QStringLiteral("typing"));
        QCOMPARE(m_http.post(typing, {{QStringLiteral("typing"), true}}, m_abdullahToken).status,
                 200);
        const QJsonObject pres = peer->next().value(QLatin1String("pres")).toObject();
        QCOMPARE(pres.value(QLatin1String("what")).toString(), QStringLiteral("typing"));
        QCOMPARE(pres.value(QLatin1String("from_id")).toInteger(), m_abdullah);
        QCOMPARE(pres.value(QLatin1String("topic_id")).toString(), Topic);
        QVERIFY(typer->nothingElseReceived());

        QCOMPARE(m_http.post(typing, {{QStringLiteral("typing"), false}}, m_abdullahToken).status,
                 200);
        QCOMPARE(peer->next()
                     .value(QLatin1String("pres"))
                     .toObject()
                     .value(QLatin1String("what"))
                     .toString(),
                 QStringLiteral("stop_typing"));
        // Not typing any more: a second stop sends nothing.
        QCOMPARE(m_http.post(typing, {{QStringLiteral("typing"), false}}, m_abdullahToken).status,
                 200);
        QVERIFY(peer->nothingElseReceived());
    }

    void typingStopsAfterTimeout()
    {
        auto peer = m_server->connectAs(m_mohammed);
        QVERIFY(peer);
        m_http.post(topicUrl(QStringLiteral("typing")), {{QStringLiteral("typing"), true}},
                    m_abdullahToken);
        QCOMPARE(peer->next()
                     .value(QLatin1String("pres"))
                     .toObject()
                     .value(QLatin1String("what"))
                     .toString(),
                 QStringLiteral("typing"));
        QCOMPARE(peer->next()
                     .value(QLatin1String("pres"))
                     .toObject()
                     .value(QLatin1String("what"))
                     .toString(),
                 QStringLiteral("stop_typing")); // after the 300 ms of this test's config
        QVERIFY(peer->nothingElseReceived());
    }

    void typingStopsRightBeforeTheNextMessage()
    {
        auto peer = m_server->connectAs(m_mohammed);
        QVERIFY(peer);
        m_http.post(topicUrl(QStringLiteral("typing")), {{QStringLiteral("typing"), true}},
                    m_abdullahToken);
        peer->next();
        QCOMPARE(sendHello(m_abdullahToken).status, 201);
        QCOMPARE(peer->next()
                     .value(QLatin1String("pres"))
                     .toObject()
                     .value(QLatin1String("what"))
                     .toString(),
                 QStringLiteral("stop_typing"));
        QVERIFY(peer->next().contains(QLatin1String("message")));
        QVERIFY(peer->nothingElseReceived());
    }

    void typingStopsWhenTheTypersLastSocketCloses()
    {
        auto peer = m_server->connectAs(m_mohammed);
        auto typer = m_server->connectAs(m_abdullah);
        QVERIFY(peer && typer);
        m_http.post(topicUrl(QStringLiteral("typing")), {{QStringLiteral("typing"), true}},
                    m_abdullahToken);
        peer->next();
        typer->close();
        QCOMPARE(peer->next()
                     .value(QLatin1String("pres"))
                     .toObject()
                     .value(QLatin1String("what"))
                     .toString(),
                 QStringLiteral("stop_typing"));
        QVERIFY(peer->nothingElseReceived());
    }

    void refusedCallsStoreAndDeliverNothing_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray hello =
            QJsonDocument(QJsonObject{{QStringLiteral("content"), helloContent()}})
                .toJson(QJsonDocument::Compact);
        QTest::newRow("not a member") << QStringLiteral("p2p2_3") << hello << 403;
        QTest::newRow("no such topic") << QStringLiteral("p2p1_3") << hello << 404;
        QTest::newRow("not a topic id") << QStringLiteral("general") << hello << 404;
        QTest::newRow("reversed id") << QStringLiteral("p2p2_1") << hello << 404;
        QTest::newRow("no content") << Topic << QByteArray("{}") << 400;
        QTest::newRow("empty type")
            << Topic << QByteArray("{\"content\":{\"type\":\"\",\"payload\":{}}}") << 400;
        QTest::newRow("payload not object")
            << Topic << QByteArray("{\"content\":{\"type\":\"text/plain\",\"payload\":\"hi\"}}")
            << 400;
        QTest::newRow("client id number")
            << Topic
            << QByteArray("{\"content\":{\"type\":\"t\",\"payload\":{}},\"client_msg_id\":5}")
            << 400;
        QTest::newRow("not json") << Topic << QByteArray("hello") << 400;
        QTest::newRow("content too big")
            << Topic
            << QByteArray("{\"content\":{\"type\":\"t\",\"payload\":{\"text\":\"" +
                          QByteArray(1100, 'x') + "\"}}}")
            << 413;
    }
    void refusedCallsStoreAndDeliverNothing()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        auto recipient = m_server->connectAs(m_mohammed);
        QVERIFY(recipient);
        const HttpResult result =
            m_http.send("POST", topicUrl(QStringLiteral("messages"), topic), body, m_mohammedToken);
        QCOMPARE(result.status, status);
        QVERIFY(isEnvelope(result));
        QVERIFY(recipient->nothingElseReceived());
        QCOMPARE(historyMessages().size(), 0);
    }

    void otherTopicCallsCheckMembership()
    {
        const QString foreign = QStringLiteral("p2p2_3");
        QCOMPARE(m_http.get(topicUrl(QStringLiteral("messages"), foreign), m_mohammedToken).status,
                 403);
        QCOMPARE(m_http
                     .post(topicUrl(QStringLiteral("reads"), foreign),
                           {{QStringLiteral("up_to"), 5}}, m_mohammedToken)
                     .status,
                 403);
        QCOMPARE(m_http
                     .post(topicUrl(QStringLiteral("typing"), foreign),
                           {{QStringLiteral("typing"), true}}, m_mohammedToken)
                     .status,
                 403);
        const QString missing = QStringLiteral("p2p1_3");
        QCOMPARE(m_http.get(topicUrl(QStringLiteral("messages"), missing), m_mohammedToken).status,
                 404);
        QCOMPARE(m_http
                     .post(topicUrl(QStringLiteral("typing"), missing),
                           {{QStringLiteral("typing"), true}}, m_mohammedToken)
                     .status,
                 404);
        QCOMPARE(m_http.get(topicUrl(QStringLiteral("messages")), QByteArray("nope")).status, 401);
        // Who may call comes before what the call says: 401 and 403 win over a bad body.
        QCOMPARE(m_http.send("POST", topicUrl(QStringLiteral("messages")), "{}", "nope").status,
                 401);
        QCOMPARE(
            m_http
                .send("POST", topicUrl(QStringLiteral("messages"), foreign), "{}", m_mohammedToken)
                .status,
            403);
        QCOMPARE(
            m_http.send("POST", topicUrl(QStringLiteral("messages")), "{}", m_mohammedToken).status,
            400);
    }
};

HARAJCHAT_TEST_MAIN(MessagingTest)
#include "tst_messaging.moc"
