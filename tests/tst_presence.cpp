// Presence with two users holding three sockets (docs/protocol.md "Presence").
#include "RawWsClient.h"
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace harajchat;
using namespace harajchat::test;

namespace {
QJsonObject listenFrame(const QString &command, qint64 peer)
{
    return {
        {command, QJsonObject{{QStringLiteral("id"), command}, {QStringLiteral("peer_id"), peer}}}};
}

// Checks a `pres` packet: what, from_id, and a ts with milliseconds.
void verifyPresence(const QJsonObject &packet, const QString &what, qint64 fromId)
{
    const QJsonObject pres = packet.value(QLatin1String("pres")).toObject();
    QCOMPARE(pres.value(QLatin1String("what")).toString(), what);
    QCOMPARE(pres.value(QLatin1String("from_id")).toInteger(), fromId);
    QVERIFY(pres.value(QLatin1String("ts")).toString().endsWith(QLatin1String("Z")));
    QCOMPARE(pres.size(), 3);
}
} // namespace

class PresenceTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    qint64 m_alice = 0;
    qint64 m_bob = 0;

    std::unique_ptr<WsClient> connectAs(qint64 userId) { return m_server->connectAs(userId); }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.pingIntervalMs = 100;
            config.pongTimeoutMs = 400;
        });
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_bob = m_server->addUser(QStringLiteral("bob"));
        m_server->addTopic(m_alice, m_bob);
    }
    void cleanup() { m_server.reset(); }

    void onlineOnceOfflineOnceAcrossThreeSockets()
    {
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        const QJsonObject listening = bob->command(listenFrame(QStringLiteral("listen"), m_alice));
        QCOMPARE(
            listening.value(QLatin1String("data")).toObject().value(QLatin1String("is_online")),
            QJsonValue(false));

        auto alicePhone = connectAs(m_alice);
        QVERIFY(alicePhone);
        verifyPresence(bob->next(), QStringLiteral("online"), m_alice);
        auto aliceTablet = connectAs(m_alice); // second socket: no new packet
        QVERIFY(aliceTablet);

        // Alice listens back: bob is online, and her other socket is not affected.
        const QJsonObject back = alicePhone->command(listenFrame(QStringLiteral("listen"), m_bob));
        QCOMPARE(back.value(QLatin1String("data")).toObject().value(QLatin1String("is_online")),
                 QJsonValue(true));

        aliceTablet->close();
        QVERIFY(aliceTablet->waitForDisconnect());
        QVERIFY(bob->nothingElseReceived(QStringLiteral("after tablet")));
        alicePhone->close();
        QVERIFY(alicePhone->waitForDisconnect());
        verifyPresence(bob->next(), QStringLiteral("offline"), m_alice);
        QVERIFY(bob->nothingElseReceived(QStringLiteral("after phone")));
    }

    void listenerOnBothSides()
    {
        auto alice = connectAs(m_alice);
        QVERIFY(alice);
        alice->command(listenFrame(QStringLiteral("listen"), m_bob));
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        verifyPresence(alice->next(), QStringLiteral("online"), m_bob);
        bob->command(listenFrame(QStringLiteral("listen"), m_alice));
        auto secondAlice = connectAs(m_alice);
        QVERIFY(secondAlice);
        QVERIFY(bob->nothingElseReceived()); // alice was online already
        bob->close();
        QVERIFY(bob->waitForDisconnect());
        verifyPresence(alice->next(), QStringLiteral("offline"), m_bob);
        QVERIFY(secondAlice->nothingElseReceived()); // only the listening socket hears it
    }

    void unlistenStopsPackets()
    {
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        bob->command(listenFrame(QStringLiteral("listen"), m_alice));
        QCOMPARE(bob->command(listenFrame(QStringLiteral("unlisten"), m_alice))
                     .value(QLatin1String("status"))
                     .toInt(),
                 200);
        auto alice = connectAs(m_alice);
        QVERIFY(alice);
        alice->close();
        QVERIFY(alice->waitForDisconnect());
        QVERIFY(bob->nothingElseReceived());
    }

    void listeningTwiceStillOnePacket()
    {
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        bob->command(listenFrame(QStringLiteral("listen"), m_alice));
        bob->command(listenFrame(QStringLiteral("listen"), m_alice));
        auto alice = connectAs(m_alice);
        QVERIFY(alice);
        verifyPresence(bob->next(), QStringLiteral("online"), m_alice);
        QVERIFY(bob->nothingElseReceived());
    }

    void silentSocketGoesOffline()
    {
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        bob->command(listenFrame(QStringLiteral("listen"), m_alice));

        // Alice authenticates by hand and then never answers a ping.
        RawWsClient alice;
        QVERIFY(alice.open(m_server->wsUrl()));
        alice.sendText("{\"auth\":{\"access_token\":\"" + m_server->issueToken(m_alice) + "\"}}");
        QVERIFY(alice.nextText().contains("\"status\":200"));
        verifyPresence(bob->next(), QStringLiteral("online"), m_alice);
        verifyPresence(bob->next(), QStringLiteral("offline"), m_alice);
        QVERIFY(alice.waitForDisconnect());
        QVERIFY(bob->isConnected()); // bob's client answers pings
    }

    void logoutClosesItsSocketsAndAnnouncesOffline()
    {
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        bob->command(listenFrame(QStringLiteral("listen"), m_alice));
        const QByteArray token = m_server->issueToken(m_alice);
        WsClient alice;
        QVERIFY(alice.open(m_server->wsUrl()));
        QVERIFY(alice.authenticate(token));
        verifyPresence(bob->next(), QStringLiteral("online"), m_alice);

        QNetworkAccessManager http;
        QNetworkRequest request(m_server->url(QStringLiteral("/chat/logout")));
        request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = http.post(request, QByteArray());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();

        QVERIFY(alice.waitForDisconnect());
        QCOMPARE(alice.closeCode(), 4401);
        verifyPresence(bob->next(), QStringLiteral("offline"), m_alice);
    }
};

HARAJCHAT_TEST_MAIN(PresenceTest)
#include "tst_presence.moc"
