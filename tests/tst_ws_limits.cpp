// What a misbehaving client meets: every case ends with the socket closed by the right code, and
// the server keeps serving others (docs/protocol.md "Socket limits and close codes").
#include "RawWsClient.h"
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"
#include "presence/PresenceRegistry.h"

#include <QCoreApplication>
#include <QTest>

using namespace harajchat;
using namespace harajchat::test;

class WsLimitsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QByteArray m_token;

    bool serverStillServes()
    {
        WsClient client;
        return client.open(m_server->wsUrl()) && client.authenticate(m_token);
    }
    QByteArray authFrame(const QByteArray &token)
    {
        return "{\"auth\":{\"id\":\"a\",\"access_token\":\"" + token + "\"}}";
    }

    // Sends in rounds of 500 without reading anything, until user 1 (authenticated on `raw`) is
    // no longer online or 400 rounds have gone.
    void floodWithoutReading(RawWsClient &raw, const std::function<void()> &sendOne)
    {
        for (int round = 0; round < 400 && raw.isConnected(); ++round) {
            for (int i = 0; i < 500; ++i)
                sendOne();
            QCoreApplication::processEvents();
            if (!m_server->server().presence().isOnline(1))
                return;
        }
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.authTimeoutMs = 300;
            config.maxFrameBytes = 1024;
            config.maxSendBufferBytes = 8192;
        });
        const qint64 user = m_server->addUser(QStringLiteral("user"));
        m_server->addUser(QStringLiteral("peer"));
        m_server->addTopic(1, 2);
        m_token = m_server->issueToken(user);
    }
    void cleanup() { m_server.reset(); }

    void socketThatNeverAuthenticatesIsClosed4401()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 4401);
    }

    void authenticatedSocketOutlivesAuthTimeout()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        QVERIFY(client.authenticate(m_token));
        QVERIFY(!client.waitForDisconnect(900)); // three auth timeouts later, still open
    }

    void fiveFailedAuthsClose4401()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        for (int attempt = 1; attempt <= 5; ++attempt) {
            client.sendRaw(QString::fromLatin1(authFrame("wrong-" + QByteArray::number(attempt))));
            QCOMPARE(client.next().value(QLatin1String("err")).toString(),
                     QStringLiteral("ERR_INVALID_ACCESS_TOKEN"));
        }
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 4401);
    }

    void fourFailedAuthsThenSuccess()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        for (int attempt = 1; attempt <= 4; ++attempt) {
            client.sendRaw(QString::fromLatin1(authFrame("wrong")));
            QCOMPARE(client.next().value(QLatin1String("status")).toInt(), 401);
        }
        QVERIFY(client.authenticate(m_token));
        QVERIFY(client.isConnected());
    }

    void frameOverLimitCloses1009()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        QVERIFY(client.authenticate(m_token));
        client.sendRaw(QString(2000, QLatin1Char('x')));
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 1009);
        QVERIFY(serverStillServes());
    }

    // The client is still writing a 2 MB message (Node's `ws` sends such) when the server refuses
    // it from its header with 1009, and has not yet read what the server sent before (pongs here),
    // so the close frame still waits in the server's send queue. A close with the message unread
    // would reset the connection, which drops that queue: no close frame, 1006 for the client. A
    // lingering close lets it read everything, then the close frame.
    void messageOverLimitGetsIts1009WhileStillSending()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl(), 1024));
        // 6.35 KB of pongs: over the client's receive window, under the server's 8 KiB send
        // buffer limit even where the pongs of one read all wait in Qt's buffer (the portable path)
        for (int i = 0; i < 50; ++i)
            raw.sendFrame(0x9, QByteArray(125, 'p'));
        raw.sendFrame(0x1, QByteArray(2 * 1024 * 1024, 'x'));
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 1009);
        QVERIFY(serverStillServes());
    }

    void frameAtLimitIsAnswered()
    {
        WsClient client;
        QVERIFY(client.open(m_server->wsUrl()));
        QString padded = QStringLiteral("{\"listen\":{\"id\":\"big\",\"peer_id\":2,\"pad\":\"\"");
        padded.insert(padded.size() - 1, QString(1024 - padded.size() - 2, QLatin1Char('p')));
        padded += QStringLiteral("}}");
        QCOMPARE(padded.size(), 1024);
        client.sendRaw(padded);
        QCOMPARE(client.next().value(QLatin1String("status")).toInt(), 401);
    }

    void garbageBytesCloseTheSocket()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendBytes(QByteArray(64, '\xff'));
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 1002);
        QVERIFY(serverStillServes());
    }

    void unmaskedFrameCloses1002()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendBytes(QByteArray("\x81\x02{}", 4));
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 1002);
        QVERIFY(serverStillServes());
    }

    void invalidUtf8Closes1007()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendText("{\"auth\":\"\xc0\xaf\"}"); // an overlong '/'
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 1007);
        QVERIFY(serverStillServes());
    }

    void fragmentedCommandWithPingBetween()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        const QByteArray auth = authFrame(m_token);
        raw.sendFrame(0x1, auth.left(5), false);
        raw.sendFrame(0x9, "are you there");
        raw.sendFrame(0x0, auth.mid(5, 10), false);
        raw.sendFrame(0x0, auth.mid(15));
        QCOMPARE(raw.nextPong(), QByteArray("are you there"));
        QVERIFY(raw.nextText().contains("\"status\":200"));
    }

    void clientCloseIsEchoedAndEndsTheConnection()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendFrame(0x8, QByteArray("\x0f\xa0"
                                      "bye",
                                      5)); // 4000, an application's code
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 4000);
    }

    void fragmentsOverLimitClose1009()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendFrame(0x1, QByteArray(700, 'a'), false); // the limit is 1024 here
        raw.sendFrame(0x0, QByteArray(700, 'a'));
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 1009);
    }

    void floodOfCommandsCloses1008()
    {
        // Each listen waits for storage; the frames behind it queue up to 16 frames' worth.
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendText(authFrame(m_token));
        QVERIFY(raw.nextText().contains("200"));
        const QByteArray listen =
            "{\"listen\":{\"peer_id\":2,\"pad\":\"" + QByteArray(900, 'p') + "\"}}";
        for (int i = 0; i < 40; ++i)
            raw.sendText(listen);
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeCode(), 1008);
        QVERIFY(serverStillServes());
    }

    void clientThatDoesNotReadIsDropped()
    {
        // A tiny receive window and no reading: the server's unsent output grows past the limit.
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl(), 1024));
        raw.sendText(authFrame(m_token));
        QVERIFY(raw.nextText().contains("\"status\":200"));
        floodWithoutReading(raw, [&raw] { raw.sendText("{}"); }); // each earns a 400 answer
        QTRY_VERIFY(!m_server->server().presence().isOnline(1));
        QVERIFY(serverStillServes());
    }

    void floodOfPingsWithoutReadingIsDropped()
    {
        // Every ping earns a pong: a client that never reads them is held to the same limit.
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl(), 1024));
        raw.sendText(authFrame(m_token));
        QVERIFY(raw.nextText().contains("\"status\":200"));
        const QByteArray payload(125, 'p');
        floodWithoutReading(raw, [&raw, &payload] { raw.sendFrame(0x9, payload); });
        QTRY_VERIFY(!m_server->server().presence().isOnline(1));
        QVERIFY(serverStillServes());
    }

    void closeAnsweredByTheClientEndsTheConnection()
    {
        // The server closes (auth timeout, 4401); the client's close answers it, and the server
        // ends the TCP connection without a second close frame.
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        QVERIFY(raw.nextText(1000).isEmpty()); // only the close frame comes (300 ms here)
        QCOMPARE(raw.closeCode(), 4401);
        raw.sendFrame(0x8, QByteArray("\x11\x91", 2));
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeFramesReceived(), 1);
    }

    void emptyCloseIsAnsweredWithAnEmptyClose()
    {
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        raw.sendFrame(0x8, {});
        QVERIFY(raw.waitForDisconnect());
        QCOMPARE(raw.closeFramesReceived(), 1);
        QCOMPARE(raw.closeCode(), -1);
    }

    void peerThatNeverAnswersOurCloseIsCut()
    {
        // The server's close (auth timeout) goes unanswered: after the 5 s grace the connection
        // is cut.
        RawWsClient raw;
        QVERIFY(raw.open(m_server->wsUrl()));
        QVERIFY(raw.waitForDisconnect(15000));
        QCOMPARE(raw.closeCode(), 4401);
    }
};

HARAJCHAT_TEST_MAIN(WsLimitsTest)
#include "tst_ws_limits.moc"
