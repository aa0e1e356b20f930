// Pure functions of the server: configuration, command line, HTTP heads, socket frames, JWT,
// passwords.
#include "TestMain.h"
#include "app/CommandLine.h"
#include "app/Config.h"
#include "auth/Jwt.h"
#include "auth/Passwords.h"
#include "auth/Secrets.h"
#include "cluster/ClusterEvents.h"
#include "gateway/HttpMessage.h"
#include "gateway/WsCommand.h"
#include "push/HttpResponseParser.h"
#include "push/PushPayload.h"
#include "push/PushTransport.h"
#include "storage/CommitPacer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace harajchat;

namespace {
// Loads `ini` as the daemon's configuration file.
std::optional<ServerConfig> loadIni(const QByteArray &ini, QString *error)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("c.ini")));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    file.write(ini);
    file.close();
    return loadConfig(file.fileName(), error);
}
} // namespace

class ServerUnitsTest : public QObject
{
    Q_OBJECT

private slots:
    void durations()
    {
        QCOMPARE(parseDurationMs(QStringLiteral("250ms")), std::optional<qint64>(250));
        QCOMPARE(parseDurationMs(QStringLiteral("10s")), std::optional<qint64>(10000));
        QCOMPARE(parseDurationMs(QStringLiteral("10")), std::optional<qint64>(10000));
        QCOMPARE(parseDurationMs(QStringLiteral("2m")), std::optional<qint64>(120000));
        QCOMPARE(parseDurationMs(QStringLiteral("1h")), std::optional<qint64>(3600000));
        QVERIFY(!parseDurationMs(QStringLiteral("-1s")));
        QVERIFY(!parseDurationMs(QStringLiteral("ten")));
        QVERIFY(!parseDurationMs(QStringLiteral("5 days")));
    }

    // Commits are spaced by the delay, but the first one is never held, even when the clock reads
    // no more than the delay past its epoch (a machine booted moments ago).
    void commitPacerHoldsNoFirstCommit()
    {
        using namespace std::chrono;
        steady_clock::time_point now(seconds(1)); // one second after boot
        CommitPacer pacer(hours(1), [&now] { return now; });
        QCOMPARE(pacer.waitBeforeCommit(), steady_clock::duration::zero());
        pacer.commitStarted();
        QCOMPARE(pacer.waitBeforeCommit(), steady_clock::duration(hours(1)));
        now += minutes(59);
        QCOMPARE(pacer.waitBeforeCommit(), steady_clock::duration(minutes(1)));
        now += minutes(2);
        QCOMPARE(pacer.waitBeforeCommit(), steady_clock::duration::zero());
    }

    // The push client's response reader, fed whole and split at every byte.
    void responseParser_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("content-length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << 200
            << QByteArray("hello") << true;
        QTest::newRow("chunked with extension and trailer")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3;x=y\r\nhel\r\n2\r\nlo\r\n0\r\nX-T: 1\r\n\r\n")
            << 200 << QByteArray("hello") << true;
        QTest::newRow("interim 100 first")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 No\r\nRetry-After: "
                          "7\r\nContent-Length: 0\r\n\r\n")
            << 503 << QByteArray() << true;
        QTest::newRow("connection close")
            << QByteArray("HTTP/1.1 401 No\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}")
            << 401 << QByteArray("{}") << false;
        QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
                                  << 200 << QByteArray("ok") << false;
    }
    void responseParser()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        for (qsizetype split = 0; split <= wire.size(); ++split) {
            HttpResponseParser parser;
            parser.feed(QByteArrayView(wire).first(split));
            QCOMPARE(parser.feed(QByteArrayView(wire).sliced(split)),
                     HttpResponseParser::State::Complete);
            QCOMPARE(parser.response().status, status);
            QCOMPARE(parser.response().body, body);
            QCOMPARE(parser.response().keepAlive, keepAlive);
        }
    }

    void responseParserEndsBodiesAtCloseAndRefusesGarbage()
    {
        HttpResponseParser untilClose;
        QCOMPARE(untilClose.feed("HTTP/1.1 200 OK\r\n\r\npart"),
                 HttpResponseParser::State::Incomplete);
        QCOMPARE(untilClose.finish(), HttpResponseParser::State::Complete);
        QCOMPARE(untilClose.response().body, QByteArray("part"));

        HttpResponseParser cut;
        cut.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        QCOMPARE(cut.finish(), HttpResponseParser::State::Failed);
        HttpResponseParser silent;
        QCOMPARE(silent.finish(), HttpResponseParser::State::Failed);
        QVERIFY(!silent.started());

        for (const char *garbage :
             {"HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "SMTP ready\r\n\r\n",
              "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
              "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
              "HTTP/1.1 200 OK\r\nno colon\r\n\r\n"}) {
            HttpResponseParser parser;
            QCOMPARE(parser.feed(garbage), HttpResponseParser::State::Failed);
            QCOMPARE(parser.response().status, 0);
            QVERIFY(!parser.response().error.isEmpty());
        }
        HttpResponseParser tooLarge(4);
        QCOMPARE(tooLarge.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"),
                 HttpResponseParser::State::Failed);
        HttpResponseParser endlessHead;
        QCOMPARE(endlessHead.feed(QByteArray(70 * 1024, 'a')), HttpResponseParser::State::Failed);
    }

    void retryAfterInEveryFormRfc9110Allows()
    {
        // Sun, 06 Nov 1994 08:49:37 GMT, and ten seconds before it.
        const qint64 sample =
            QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc()).toMSecsSinceEpoch();
        const qint64 tenBefore = sample - 10000;
        QCOMPARE(retryAfterMs("120", tenBefore), 120000);
        QCOMPARE(retryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", tenBefore), 10000);
        QCOMPARE(retryAfterMs("Sunday, 06-Nov-94 08:49:37 GMT", tenBefore), 10000);
        QCOMPARE(retryAfterMs("Sun Nov  6 08:49:37 1994", tenBefore), 10000);
        QCOMPARE(retryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", sample + 5000), 0); // past
        QCOMPARE(retryAfterMs("soon", tenBefore), 0);
        QCOMPARE(retryAfterMs("", tenBefore), 0);
        QCOMPARE(retryAfterMs("-5", tenBefore), 0);
    }

    void listenAddresses()
    {
        QHostAddress address;
        quint16 port = 0;
        QVERIFY(parseListenAddress(QStringLiteral("127.0.0.1:9000"), &address, &port));
        QCOMPARE(address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(port, 9000);
        QVERIFY(parseListenAddress(QStringLiteral("[::1]:8081"), &address, &port));
        QCOMPARE(address, QHostAddress(QHostAddress::LocalHostIPv6));
        QVERIFY(parseListenAddress(QStringLiteral(":8082"), &address, &port));
        QCOMPARE(address, QHostAddress(QHostAddress::Any));
        QCOMPARE(port, 8082);
        QVERIFY(parseListenAddress(QStringLiteral("8083"), &address, &port));
        QVERIFY(parseListenAddress(QStringLiteral("localhost:0"), &address, &port));
        QVERIFY(!parseListenAddress(QStringLiteral("host.example:80"), &address, &port));
        QVERIFY(!parseListenAddress(QStringLiteral("1.2.3.4:70000"), &address, &port));
        QVERIFY(!parseListenAddress(QStringLiteral("1.2.3.4:"), &address, &port));
    }

    void sampleConfigLoads()
    {
        QString error;
        const std::optional<ServerConfig> config =
            loadConfig(QStringLiteral(HARAJCHAT_SOURCE_DIR "/resources/harajchatd.ini"), &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->listenPort, 8080);
        QCOMPARE(config->authTimeoutMs, 10000);
        QCOMPARE(config->maxFrameBytes, 65536);
        QVERIFY(config->jwtSecret.isEmpty());
    }

    void configRejectsTyposAndBadValues_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::newRow("unknown key") << QByteArray("[socket]\nping_intreval=5s\n");
        QTest::newRow("bad duration") << QByteArray("[socket]\nping_interval=soon\n");
        QTest::newRow("zero size") << QByteArray("[http]\nmax_body_bytes=0\n");
        QTest::newRow("bad listen") << QByteArray("[server]\nlisten=nowhere\n");
        QTest::newRow("bad driver") << QByteArray("[storage]\ndriver=oracle\n");
        QTest::newRow("bad port") << QByteArray("[storage]\nport=70000\n");
        QTest::newRow("zero node timeout") << QByteArray("[cluster]\nnode_timeout=0\n");
        QTest::newRow("node timeout under three heartbeats")
            << QByteArray("[cluster]\nheartbeat_interval=2s\nnode_timeout=5s\n");
        QTest::newRow("commit delay over 1s") << QByteArray("[storage]\ncommit_delay=2s\n");
        QTest::newRow("zero connections") << QByteArray("[http]\nmax_connections=0\n");
        QTest::newRow("negative connections per ip")
            << QByteArray("[http]\nmax_connections_per_ip=-1\n");
        QTest::newRow("connections per ip auto")
            << QByteArray("[http]\nmax_connections_per_ip=auto\n");
    }

    void connectionCapKeys_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("perIp");
        QTest::newRow("defaults") << QByteArray() << 0 << 4096;
        QTest::newRow("auto, no cap per address")
            << QByteArray("[http]\nmax_connections=auto\nmax_connections_per_ip=0\n") << 0 << 0;
        QTest::newRow("numbers") << QByteArray("[http]\nmax_connections=20000\n"
                                               "max_connections_per_ip=100\n")
                                 << 20000 << 100;
    }
    void connectionCapKeys()
    {
        QFETCH(QByteArray, ini);
        QFETCH(int, total);
        QFETCH(int, perIp);
        QString error;
        const std::optional<ServerConfig> config = loadIni(ini, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->maxConnections, total);
        QCOMPARE(config->maxConnectionsPerIp, perIp);
    }

    void clusterEventsRoundTripAndRejectGarbage()
    {
        const auto presence = parseClusterEvent(presenceEvent(7, true));
        QVERIFY(presence);
        QCOMPARE(presence->kind, ClusterEvent::Presence);
        QCOMPARE(presence->userId, 7);
        QVERIFY(presence->online);
        const QByteArray packet = "{\"pres\":{\"from_id\":3,\"what\":\"typing\"}}";
        const auto deliver = parseClusterEvent(deliverEvent(9, packet, QStringLiteral("node-a")));
        QVERIFY(deliver);
        QVERIFY(deliver->messageKey.isEmpty());
        QCOMPARE(deliver->kind, ClusterEvent::Deliver);
        QCOMPARE(deliver->userId, 9);
        QCOMPARE(deliver->packet, packet);
        QCOMPARE(deliver->exceptNode, QStringLiteral("node-a"));
        // A packet with spaces inside, delivered everywhere: the bytes come back as they were.
        const QByteArray spaced = "{\"message\":{\"content\":{\"payload\":{\"text\":\"a b  c\"}}}}";
        const auto everywhere =
            parseClusterEvent(deliverEvent(9, spaced, {}, messageKey(QStringLiteral("p2p1_9"), 5)));
        QVERIFY(everywhere);
        QCOMPARE(everywhere->packet, spaced);
        QCOMPARE(everywhere->messageKey, QByteArray("p2p1_9:5"));
        QVERIFY(everywhere->exceptNode.isEmpty());
        const auto reference = parseClusterEvent(referenceEvent(QStringLiteral("abc")));
        QVERIFY(reference);
        QCOMPARE(reference->kind, ClusterEvent::Reference);
        QCOMPARE(reference->eventId, QStringLiteral("abc"));
        for (const QByteArray &garbage :
             {QByteArray("nonsense"), QByteArray("D 9 - -"), QByteArray("D 9 - - notjson"),
              QByteArray("P 0 1"), QByteArray("P 7 2"), QByteArray("P x 1"), QByteArray("R"),
              QByteArray(), QByteArray("X 1 2")})
            QVERIFY(!parseClusterEvent(garbage));
    }

    void postgresAndClusterKeys()
    {
        QString error;
        const std::optional<ServerConfig> config =
            loadIni("[storage]\ndriver=postgres\nhost=db.internal\nport=6432\ndatabase=chat\n"
                    "user=hc\npassword=pw\noptions=sslmode=require connect_timeout=5\n"
                    "commit_delay=0\n[cluster]\nheartbeat_interval=500ms\nnode_timeout=4s\n",
                    &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->storageDriver, QStringLiteral("postgres"));
        QCOMPARE(config->postgres.host, QStringLiteral("db.internal"));
        QCOMPARE(config->postgres.port, 6432);
        QCOMPARE(config->postgres.database, QStringLiteral("chat"));
        QCOMPARE(config->postgres.user, QStringLiteral("hc"));
        QCOMPARE(config->postgres.password, QStringLiteral("pw"));
        QCOMPARE(config->postgres.options, QStringLiteral("sslmode=require connect_timeout=5"));
        QCOMPARE(config->cluster.heartbeatIntervalMs, 500);
        QCOMPARE(config->cluster.nodeTimeoutMs, 4000);
        QCOMPARE(config->commitDelay(), 0);
        // Unset, the delay follows the driver: a PostgreSQL commit is a round trip.
        ServerConfig defaults;
        QCOMPARE(defaults.commitDelay(), 2);
        defaults.storageDriver = QStringLiteral("postgres");
        QCOMPARE(defaults.commitDelay(), 5);
    }
    void configRejectsTyposAndBadValues()
    {
        QFETCH(QByteArray, ini);
        QString error;
        QVERIFY(!loadIni(ini, &error));
        QVERIFY(!error.isEmpty());
    }

    void missingConfigFileIsAnError()
    {
        QString error;
        QVERIFY(!loadConfig(QStringLiteral("/nonexistent/harajchatd.ini"), &error));
    }

    void commandLine()
    {
        int exitCode = -1;
        auto parsed = parseCommandLine({QStringLiteral("harajchatd"), QStringLiteral("--listen"),
                                        QStringLiteral("127.0.0.1:9999"), QStringLiteral("--db"),
                                        QStringLiteral("x.sqlite")},
                                       &exitCode);
        QVERIFY(parsed);
        QCOMPARE(parsed->verb, CommandLine::Run);
        QCOMPARE(parsed->config.listenPort, 9999);
        QCOMPARE(parsed->config.databasePath, QStringLiteral("x.sqlite"));

        parsed = parseCommandLine({QStringLiteral("harajchatd"), QStringLiteral("add-user"),
                                   QStringLiteral("--name"), QStringLiteral("a"),
                                   QStringLiteral("--password"), QStringLiteral("p"),
                                   QStringLiteral("--id"), QStringLiteral("12")},
                                  &exitCode);
        QVERIFY(parsed);
        QCOMPARE(parsed->verb, CommandLine::AddUser);
        QCOMPARE(parsed->userId, std::optional<qint64>(12));

        QVERIFY(!parseCommandLine({QStringLiteral("harajchatd"), QStringLiteral("issue-token")},
                                  &exitCode));
        QCOMPARE(exitCode, 2);
        QVERIFY(!parseCommandLine({QStringLiteral("harajchatd"), QStringLiteral("frobnicate")},
                                  &exitCode));
        QVERIFY(!parseCommandLine({QStringLiteral("harajchatd"), QStringLiteral("issue-token"),
                                   QStringLiteral("--id"), QStringLiteral("0")},
                                  &exitCode));
    }

    void socketFrames()
    {
        WsCommand auth = parseWsCommand(R"({"auth":{"id":"a","access_token":"tok"}})");
        QCOMPARE(auth.kind, WsCommand::Auth);
        QCOMPARE(auth.id, std::optional<QString>(QStringLiteral("a")));
        QCOMPARE(auth.accessToken, QByteArray("tok"));
        WsCommand listen = parseWsCommand(R"({"listen":{"peer_id":2}})");
        QCOMPARE(listen.kind, WsCommand::Listen);
        QCOMPARE(listen.peerId, 2);
        QVERIFY(!listen.id);
        QCOMPARE(parseWsCommand(R"({"unlisten":{"peer_id":2.0}})").kind, WsCommand::Unlisten);
        // The id of a rejected frame is still echoed when it can be read.
        WsCommand twoKeys =
            parseWsCommand(R"({"listen":{"id":"l","peer_id":2},"auth":{"id":"a"}})");
        QCOMPARE(twoKeys.kind, WsCommand::Invalid);
        QCOMPARE(twoKeys.id, std::optional<QString>(QStringLiteral("a")));
        QCOMPARE(parseWsCommand(R"({"auth":{"id":1,"access_token":"t"}})").kind,
                 WsCommand::Invalid);
        WsCommand outOfRange = parseWsCommand(R"({"listen":{"id":"p","peer_id":1e400}})");
        QCOMPARE(outOfRange.kind, WsCommand::Invalid);
        QCOMPARE(outOfRange.id, std::optional<QString>(QStringLiteral("p")));
        // Out of range elsewhere: an unknown field, ignored like any other.
        QCOMPARE(parseWsCommand(R"({"listen":{"x":[-1E+999,2e999],"peer_id":2}})").kind,
                 WsCommand::Listen);
        QCOMPARE(parseWsCommand("").kind, WsCommand::Invalid);
        QCOMPARE(parseWsCommand("null").kind, WsCommand::Invalid);
    }

    void jwtVerification()
    {
        const QByteArray secret = "s3cret";
        const QDateTime now = QDateTime::fromSecsSinceEpoch(2000000000, Qt::UTC);
        auto identity =
            verifyJwt(signJwt(R"({"sub":"5","name":"Ali","exp":2000000001})", secret), secret, now);
        QVERIFY(identity);
        QCOMPARE(identity->userId, 5);
        QCOMPARE(identity->name, QStringLiteral("Ali"));
        QVERIFY(verifyJwt(signJwt(R"({"sub":5})", secret), secret, now));
        QVERIFY(!verifyJwt(signJwt(R"({"sub":5,"exp":2000000000})", secret), secret, now));
        QVERIFY(!verifyJwt(signJwt(R"({"sub":5})", "other"), secret, now));
        QVERIFY(!verifyJwt(signJwt(R"({"sub":5})", secret), QByteArray(), now));
        QVERIFY(!verifyJwt(signJwt(R"({"sub":"05"})", secret), secret, now));
        QVERIFY(!verifyJwt(signJwt(R"({"sub":5,"name":7})", secret), secret, now));
        QVERIFY(!verifyJwt(signJwt(R"({"sub":5,"exp":"never"})", secret), secret, now));
        // An `exp` past what qint64 holds is far ahead, not an overflow (found by fuzz_jwt).
        identity = verifyJwt(signJwt(R"({"sub":5,"exp":1e300})", secret), secret, now);
        QVERIFY(identity && identity->expiresAtSecs > now.toSecsSinceEpoch());
        // alg "none" with the signature stripped must not pass.
        const QByteArray none =
            QByteArray(R"({"alg":"none"})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
            '.' +
            QByteArray(R"({"sub":5})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
            '.';
        QVERIFY(!verifyJwt(none, secret, now));
        QVERIFY(!verifyJwt("a.b.c", secret, now));
    }

    void passwords()
    {
        const QString hash = hashPassword(QStringLiteral("pässword"), 1000);
        QVERIFY(hash.startsWith(QLatin1String("pbkdf2-sha256$1000$")));
        QVERIFY(verifyPassword(QStringLiteral("pässword"), hash));
        QVERIFY(!verifyPassword(QStringLiteral("password"), hash));
        QVERIFY(hashPassword(QStringLiteral("x"), 1000) !=
                hashPassword(QStringLiteral("x"), 1000)); // salted
        QVERIFY(!verifyPassword(QStringLiteral("x"), QStringLiteral("plain")));
        QVERIFY(!verifyPassword(QStringLiteral("x"), QString()));
    }

    void pushPayloadIsCutWithinTheLimit()
    {
        // Emoji are two UTF-16 units and four UTF-8 bytes: a cut must never split one.
        QString text;
        for (int i = 0; i < 2000; ++i)
            text += QString::fromUtf8("\xF0\x9F\x98\x80");
        const QJsonObject message{
            {QStringLiteral("topic_id"), QStringLiteral("p2p1_2")},
            {QStringLiteral("name"), QStringLiteral("a")},
            {QStringLiteral("content"),
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("text/plain")},
                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("text"), text}}}}}};
        const QByteArray messageJson = QJsonDocument(message).toJson(QJsonDocument::Compact);
        const PushNotice notice =
            fitPayloadLimit(pushNoticeFor(messageJson, 1, QStringLiteral("New")));
        QVERIFY(apnsPayloadJson(notice).size() <= FcmPayloadLimit);
        QVERIFY(dataPayloadJson(notice).size() <= FcmPayloadLimit);
        QVERIFY(notice.body.size() > 100);
        const QString kept = notice.body.chopped(1);
        QVERIFY(!kept.back().isHighSurrogate());
        QVERIFY(text.startsWith(kept));
        // Fields are never dropped: the cut message is the message with a shorter text.
        QJsonObject cut = QJsonDocument::fromJson(notice.xdataJson).object();
        QCOMPARE(cut.value(QLatin1String("topic_id")).toString(), QStringLiteral("p2p1_2"));
        QCOMPARE(
            cut.value(QLatin1String("content"))[QLatin1String("payload")][QLatin1String("text")],
            QJsonValue(notice.body));
        // What fits is left alone, byte for byte.
        const PushNotice small = fitPayloadLimit(pushNoticeFor("{}", 1, QStringLiteral("New")));
        QCOMPARE(small.body, QStringLiteral("New"));
        QCOMPARE(small.xdataJson, QByteArray("{}"));
    }

    // The payloads written by hand are the documents QJsonDocument writes for the same objects
    // (from a message as the daemon writes it: compact, sorted keys, UTF-8 unescaped).
    void pushPayloadsAreTheSpecsObjects()
    {
        const QByteArray messageJson =
            "{\"content\":{\"payload\":{\"text\":\"a \\\"quote\\\"\\n\xC3\xA9\"},"
            "\"type\":\"text/plain\"},\"from_id\":2,\"name\":\"abd\\\"ullah\","
            "\"seq_id\":5,\"status\":{\"1\":false},\"topic_id\":\"p2p1_2\","
            "\"ts\":\"2018-10-08T08:30:39.657Z\"}";
        const PushNotice notice = pushNoticeFor(messageJson, 1, QStringLiteral("New"));
        const QJsonObject xdata = QJsonDocument::fromJson(messageJson).object();
        const QJsonObject data{{QStringLiteral("xdata"), xdata},
                               {QStringLiteral("xto"), QJsonArray{1}},
                               {QStringLiteral("xtype"), QStringLiteral("NEW_MESSAGE")}};
        QCOMPARE(dataPayloadJson(notice), QJsonDocument(data).toJson(QJsonDocument::Compact));
        QJsonObject apns = data;
        apns.insert(
            QStringLiteral("aps"),
            QJsonObject{
                {QStringLiteral("alert"),
                 QJsonObject{{QStringLiteral("title"), QStringLiteral("abd\"ullah")},
                             {QStringLiteral("body"), QStringLiteral("a \"quote\"\n\u00e9")}}},
                {QStringLiteral("sound"), QStringLiteral("default")},
                {QStringLiteral("mutable-content"), 1}});
        QCOMPARE(apnsPayloadJson(notice), QJsonDocument(apns).toJson(QJsonDocument::Compact));
    }

    void accessTokens()
    {
        const QByteArray token = newAccessToken();
        QCOMPARE(token.size(), 43); // 256 bits, base64url without padding
        QVERIFY(token != newAccessToken());
        QCOMPARE(accessTokenHash(token).size(), 64);
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "ab"));
    }
};

HARAJCHAT_TEST_MAIN(ServerUnitsTest)
#include "tst_server_units.moc"
