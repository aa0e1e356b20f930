// Push to offline recipients (docs/protocol.md "Push (push.md)") against a local HTTP server
// standing in for FCM and for the OAuth2 token endpoint, with the real daemon and real clients.
#include "FakeHttpServer.h"
#include "HttpClient.h"
#include "TestMain.h"
#include "TestServer.h"
#include "WsClient.h"
#include "push/PushService.h"
#include "storage/StorageQueue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace harajchat;
using namespace harajchat::test;

namespace {
const QByteArray SendPath = "/v1/projects/haraj-test/messages:send";
const QByteArray TokenPath = "/token";
const QByteArray LegacyPath = "/fcm/send";
const QString Topic = QStringLiteral("p2p1_2");

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray contents(data, int(size));
    BIO_free(bio);
    return contents;
}

// A fresh RSA key pair, as PEM: the test's own service account.
std::pair<QByteArray, QByteArray> makeKeyPair()
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    BIO *privateBio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(privateBio, key, nullptr, nullptr, 0, nullptr, nullptr);
    BIO *publicBio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(publicBio, key);
    EVP_PKEY_free(key);
    return {bioContents(privateBio), bioContents(publicBio)};
}

bool verifyRs256(const QByteArray &publicPem, const QByteArray &data, const QByteArray &signature)
{
    BIO *bio = BIO_new_mem_buf(publicPem.constData(), int(publicPem.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool valid =
        key && EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature.constData()),
                         size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(data.constData()),
                         size_t(data.size())) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return valid;
}

QJsonObject json(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

FakeResponse answer(int status, const QByteArray &body = "{}",
                    QList<QPair<QByteArray, QByteArray>> headers = {})
{
    return {status, body, std::move(headers)};
}

// "{topic_id}:{seq_id}" of a message object.
QString collapseKeyOf(const QJsonObject &message)
{
    return message.value(QLatin1String("topic_id")).toString() + QLatin1Char(':') +
           QString::number(message.value(QLatin1String("seq_id")).toInteger());
}

QJsonObject helloContent(const QString &text = QStringLiteral("hello!"))
{
    return {{QStringLiteral("type"), QStringLiteral("text/plain")},
            {QStringLiteral("payload"), QJsonObject{{QStringLiteral("text"), text}}}};
}
} // namespace

class PushTest : public QObject
{
    Q_OBJECT

private:
    QByteArray m_privateKey;
    QByteArray m_publicKey;
    QTemporaryDir m_dir;
    std::unique_ptr<FakeHttpServer> m_fcm;
    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
    QByteArray m_senderToken;
    QByteArray m_recipientToken;
    int m_tokensIssued = 0;
    int m_tokenFailures = 0; // token requests still to be answered 500
    std::function<FakeResponse(const RecordedRequest &)> m_sendAnswer; // answers FCM sends

    QString writeCredentials(const QByteArray &privateKey)
    {
        const QString path = m_dir.filePath(QStringLiteral("service-account.json"));
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("service_account")},
                                   {QStringLiteral("project_id"), QStringLiteral("haraj-test")},
                                   {QStringLiteral("client_email"),
                                    QStringLiteral("chat@haraj-test.iam.gserviceaccount.com")},
                                   {QStringLiteral("private_key"), QString::fromLatin1(privateKey)},
                                   {QStringLiteral("token_uri"),
                                    m_fcm->url(QString::fromLatin1(TokenPath)).toString()}})
                       .toJson());
        return path;
    }

    void startServer(const QString &transport,
                     const std::function<void(ServerConfig &)> &tweak = {})
    {
        const QString credentials = writeCredentials(m_privateKey);
        m_server = std::make_unique<TestServer>([&](ServerConfig &config) {
            config.push.transport = transport;
            if (transport == QLatin1String("fcm-v1")) {
                config.push.endpoint = m_fcm->url();
                config.push.credentialsPath = credentials;
            } else {
                config.push.endpoint = m_fcm->url(QString::fromLatin1(LegacyPath));
                config.push.serverKey = "server-key";
            }
            config.push.pollIntervalMs = 50;
            config.push.retryBaseMs = 100;
            if (tweak)
                tweak(config);
        });
        const qint64 recipient = m_server->addUser(QStringLiteral("mohammed"));
        const qint64 sender = m_server->addUser(QStringLiteral("abdullah_zagat"));
        m_server->addTopic(recipient, sender);
        m_senderToken = m_server->issueToken(sender);
        m_recipientToken = m_server->issueToken(recipient);
    }

    void registerDevice(const QString &platform, const QString &token, const QByteArray &owner = {})
    {
        const HttpResult result =
            m_http.send("PUT", m_server->url(QStringLiteral("/chat/devices")),
                        QJsonDocument(QJsonObject{{QStringLiteral("platform"), platform},
                                                  {QStringLiteral("token"), token}})
                            .toJson(),
                        owner.isEmpty() ? m_recipientToken : owner);
        QCOMPARE(result.status, 200);
    }

    QJsonObject sendMessage(const QJsonObject &content = helloContent())
    {
        const HttpResult sent =
            m_http.post(m_server->url(QStringLiteral("/chat/topics/%1/messages").arg(Topic)),
                        {{QStringLiteral("content"), content}}, m_senderToken);
        return sent.json.value(QLatin1String("data")).toObject();
    }

    PushCounters counters() const { return m_server->server().push()->counters(); }

    QStringList devicesOf(qint64 userId)
    {
        const auto devices = m_server->server().storage().call<QVector<DeviceRecord>>(
            [userId](Storage &storage) { return storage.devicesOf(userId); });
        QStringList tokens;
        for (const DeviceRecord &device : devices.value)
            tokens.append(device.token);
        return tokens;
    }

private slots:
    void initTestCase()
    {
        std::tie(m_privateKey, m_publicKey) = makeKeyPair();
        QVERIFY(!m_privateKey.isEmpty());
    }

    void init()
    {
        m_tokensIssued = 0;
        m_tokenFailures = 0;
        m_sendAnswer = [](const RecordedRequest &) {
            return answer(200, "{\"name\":\"projects/haraj-test/messages/1\"}");
        };
        m_fcm = std::make_unique<FakeHttpServer>();
        m_fcm->setHandler([this](const RecordedRequest &request) {
            if (request.path == TokenPath && m_tokenFailures > 0 && m_tokenFailures--)
                return answer(500, "{\"error\":\"internal_failure\"}");
            if (request.path == TokenPath)
                return answer(200, "{\"access_token\":\"tok-" +
                                       QByteArray::number(++m_tokensIssued) +
                                       "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            return m_sendAnswer(request);
        });
    }

    void cleanup()
    {
        m_server.reset();
        m_fcm.reset();
    }

    void deviceRegistration()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("device-a"));
        QCOMPARE(devicesOf(1), QStringList{QStringLiteral("device-a")});
        // The same token registered by another user moves to them.
        registerDevice(QStringLiteral("ios"), QStringLiteral("device-a"), m_senderToken);
        QCOMPARE(devicesOf(1), QStringList());
        QCOMPARE(devicesOf(2), QStringList{QStringLiteral("device-a")});
        // Deleting someone else's token changes nothing; one's own goes.
        const QUrl deviceUrl = m_server->url(QStringLiteral("/chat/devices/device-a"));
        QCOMPARE(m_http.send("DELETE", deviceUrl, {}, m_recipientToken).status, 200);
        QCOMPARE(devicesOf(2), QStringList{QStringLiteral("device-a")});
        QCOMPARE(m_http.send("DELETE", deviceUrl, {}, m_senderToken).status, 200);
        QCOMPARE(devicesOf(2), QStringList());
        for (const QByteArray &bad :
             {QByteArray("{}"), QByteArray("{\"platform\":\"web\",\"token\":\"t\"}"),
              QByteArray("{\"platform\":\"ios\",\"token\":\"\"}"),
              QByteArray("{\"platform\":\"ios\",\"token\":7}"), QByteArray("[")}) {
            QCOMPARE(m_http
                         .send("PUT", m_server->url(QStringLiteral("/chat/devices")), bad,
                               m_recipientToken)
                         .status,
                     400);
        }
        QCOMPARE(
            m_http.send("PUT", m_server->url(QStringLiteral("/chat/devices")), "{}", "bad").status,
            401);
    }

    void fcmV1AndroidRequest()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        const QJsonObject message = sendMessage();
        QTRY_COMPARE(m_fcm->requests(SendPath).size(), 1);
        const RecordedRequest request = m_fcm->requests(SendPath).first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer tok-1"));
        const QJsonObject sent = json(request.body).value(QLatin1String("message")).toObject();
        QCOMPARE(sent.value(QLatin1String("token")).toString(), QStringLiteral("android-token"));
        // One collapse key per message: a repeat of this push collapses, the next message not.
        QCOMPARE(sent.value(QLatin1String("android")).toObject(),
                 QJsonObject({{QStringLiteral("priority"), QStringLiteral("HIGH")},
                              {QStringLiteral("ttl"), QStringLiteral("3600s")},
                              {QStringLiteral("collapse_key"), collapseKeyOf(message)}}));
        const QJsonObject data = sent.value(QLatin1String("data")).toObject();
        QCOMPARE(data.keys(), (QStringList{QStringLiteral("xdata"), QStringLiteral("xto"),
                                           QStringLiteral("xtype")}));
        QCOMPARE(data.value(QLatin1String("xtype")).toString(), QStringLiteral("NEW_MESSAGE"));
        QCOMPARE(data.value(QLatin1String("xto")).toString(), QStringLiteral("[1]"));
        QCOMPARE(json(data.value(QLatin1String("xdata")).toString().toUtf8()), message);
        QVERIFY(!sent.contains(QLatin1String("apns")));
        QTRY_COMPARE(counters().sent, 1);
        QCOMPARE(counters().queued, 1);
    }

    void fcmV1IosRequestCarriesTheSpecsApnsPayload()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("ios"), QStringLiteral("ios-token"));
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const QJsonObject message = sendMessage();
        QTRY_COMPARE(m_fcm->requests(SendPath).size(), 1);
        const QJsonObject apns = json(m_fcm->requests(SendPath).first().body)
                                     .value(QLatin1String("message"))
                                     .toObject()
                                     .value(QLatin1String("apns"))
                                     .toObject();
        const QJsonObject headers = apns.value(QLatin1String("headers")).toObject();
        QCOMPARE(headers.value(QLatin1String("apns-priority")).toString(), QStringLiteral("10"));
        QCOMPARE(headers.value(QLatin1String("apns-push-type")).toString(),
                 QStringLiteral("alert"));
        QCOMPARE(headers.value(QLatin1String("apns-collapse-id")).toString(),
                 collapseKeyOf(message));
        const qint64 expiration =
            headers.value(QLatin1String("apns-expiration")).toString().toLongLong();
        QVERIFY(expiration >= before + 3600 &&
                expiration <= QDateTime::currentSecsSinceEpoch() + 3600);
        // websocket-api.md, "iOS Format (APNS)", field for field.
        const QJsonObject expected{
            {QStringLiteral("aps"),
             QJsonObject{{QStringLiteral("alert"),
                          QJsonObject{{QStringLiteral("title"), QStringLiteral("abdullah_zagat")},
                                      {QStringLiteral("body"), QStringLiteral("hello!")}}},
                         {QStringLiteral("sound"), QStringLiteral("default")},
                         {QStringLiteral("mutable-content"), 1}}},
            {QStringLiteral("xtype"), QStringLiteral("NEW_MESSAGE")},
            {QStringLiteral("xdata"), message},
            {QStringLiteral("xto"), QJsonArray{1}}};
        QCOMPARE(apns.value(QLatin1String("payload")).toObject(), expected);
    }

    void oauthAssertionVerifiesWithTheServiceAccountKey()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        sendMessage();
        sendMessage();
        QTRY_COMPARE(m_fcm->requests(SendPath).size(), 2);
        QCOMPARE(m_fcm->requests(TokenPath).size(), 1); // cached for the second push
        const RecordedRequest tokenRequest = m_fcm->requests(TokenPath).first();
        QCOMPARE(tokenRequest.headers.value("content-type"),
                 QByteArray("application/x-www-form-urlencoded"));
        const QUrlQuery form(QString::fromLatin1(tokenRequest.body));
        QCOMPARE(form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded),
                 QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        const QByteArray assertion =
            form.queryItemValue(QStringLiteral("assertion"), QUrl::FullyDecoded).toLatin1();
        const QList<QByteArray> parts = assertion.split('.');
        QCOMPARE(parts.size(), 3);
        const auto decode = [](const QByteArray &part) {
            return QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding |
                                                    QByteArray::OmitTrailingEquals);
        };
        QVERIFY(verifyRs256(m_publicKey, parts[0] + '.' + parts[1], decode(parts[2])));
        QCOMPARE(json(decode(parts[0])).value(QLatin1String("alg")).toString(),
                 QStringLiteral("RS256"));
        const QJsonObject claims = json(decode(parts[1]));
        QCOMPARE(claims.value(QLatin1String("iss")).toString(),
                 QStringLiteral("chat@haraj-test.iam.gserviceaccount.com"));
        QCOMPARE(claims.value(QLatin1String("scope")).toString(),
                 QStringLiteral("https://www.googleapis.com/auth/firebase.messaging"));
        QCOMPARE(claims.value(QLatin1String("aud")).toString(),
                 m_fcm->url(QStringLiteral("/token")).toString());
        QCOMPARE(claims.value(QLatin1String("exp")).toInteger() -
                     claims.value(QLatin1String("iat")).toInteger(),
                 3600);
        // And a key that is not the service account's does not verify.
        QVERIFY(!verifyRs256(makeKeyPair().second, parts[0] + '.' + parts[1], decode(parts[2])));
    }

    void recipientWithALiveSocketGetsNoPush()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        auto socket = m_server->connectAs(1);
        QVERIFY(socket);
        const qint64 live = sendMessage().value(QLatin1String("seq_id")).toInteger();
        QVERIFY(socket->next().contains(QLatin1String("message")));
        socket->close();
        QVERIFY(socket->waitForDisconnect());
        const QJsonObject offline = sendMessage();
        QTRY_COMPARE(counters().sent, 1);
        QCOMPARE(m_fcm->requests(SendPath).size(), 1);
        const QJsonObject xdata = json(json(m_fcm->requests(SendPath).first().body)
                                           .value(QLatin1String("message"))
                                           .toObject()
                                           .value(QLatin1String("data"))
                                           .toObject()
                                           .value(QLatin1String("xdata"))
                                           .toString()
                                           .toUtf8());
        QCOMPARE(xdata, offline);
        QVERIFY(xdata.value(QLatin1String("seq_id")).toInteger() != live);
    }

    void unregisteredTokenIsDeleted()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("gone-token"));
        registerDevice(QStringLiteral("android"), QStringLiteral("bad-token"));
        registerDevice(QStringLiteral("android"), QStringLiteral("good-token"));
        m_sendAnswer = [](const RecordedRequest &request) {
            const QString token = json(request.body)
                                      .value(QLatin1String("message"))
                                      .toObject()
                                      .value(QLatin1String("token"))
                                      .toString();
            if (token == QLatin1String("gone-token"))
                return answer(404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":["
                                   "{\"errorCode\":\"UNREGISTERED\"}]}}");
            if (token == QLatin1String("bad-token"))
                return answer(
                    400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"details\":[{"
                         "\"fieldViolations\":[{\"field\":\"message.token\"}]}]}}");
            return answer(200, "{}");
        };
        sendMessage();
        QTRY_COMPARE(counters().tokensDeleted, 2);
        QCOMPARE(counters().sent, 1);
        QCOMPARE(devicesOf(1), QStringList{QStringLiteral("good-token")});
    }

    void unavailableIsRetriedAfterRetryAfter()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        int sends = 0;
        m_sendAnswer = [&sends](const RecordedRequest &) {
            return ++sends == 1 ? answer(503, "{\"error\":{\"status\":\"UNAVAILABLE\"}}",
                                         {{"Retry-After", "1"}})
                                : answer(200, "{}");
        };
        sendMessage();
        QTRY_COMPARE(counters().sent, 1);
        QCOMPARE(counters().retried, 1);
        const QList<RecordedRequest> requests = m_fcm->requests(SendPath);
        QCOMPARE(requests.size(), 2);
        QVERIFY2(requests.at(0).receivedAt.msecsTo(requests.at(1).receivedAt) >= 1000,
                 "the retry waited for Retry-After");
    }

    void expiredAccessTokenIsRenewedOnce()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        m_sendAnswer = [](const RecordedRequest &request) {
            return request.headers.value("authorization") == "Bearer tok-1"
                       ? answer(401, "{\"error\":{\"status\":\"UNAUTHENTICATED\"}}")
                       : answer(200, "{}");
        };
        sendMessage();
        QTRY_COMPARE(counters().sent, 1);
        QCOMPARE(m_fcm->requests(TokenPath).size(), 2);
        QCOMPARE(m_fcm->requests(SendPath).size(), 2);
        QCOMPARE(m_fcm->requests(SendPath).last().headers.value("authorization"),
                 QByteArray("Bearer tok-2"));
        QCOMPARE(counters().retried, 0);
    }

    // A token endpoint that fails once delays the push by the normal backoff, not push/retry_cap.
    void failedTokenFetchIsRetriedWithTheNormalBackoff()
    {
        startServer(QStringLiteral("fcm-v1"), [](ServerConfig &config) {
            config.push.retryCapMs = 3600 * 1000; // waiting this long would fail the test
        });
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        m_tokenFailures = 1;
        sendMessage();
        QTRY_COMPARE(counters().sent, 1);
        QVERIFY(counters().retried >= 1);
        // The source waits a second before it asks again, however often pushes retry meanwhile.
        QCOMPARE(m_fcm->requests(TokenPath).size(), 2);
        QCOMPARE(m_fcm->requests(SendPath).size(), 1);
    }

    // FCM v1 reports a dead token as a 400 whose details carry errorCode UNREGISTERED.
    void unregisteredInA400sDetailsDeletesTheToken()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("dead-token"));
        m_sendAnswer = [](const RecordedRequest &) {
            return answer(400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\","
                               "\"details\":[{\"@type\":\"type.googleapis.com/"
                               "google.firebase.fcm.v1.FcmError\",\"errorCode\":"
                               "\"UNREGISTERED\"}]}}");
        };
        sendMessage();
        QTRY_COMPARE(counters().tokensDeleted, 1);
        QCOMPARE(devicesOf(1), QStringList());
        QCOMPARE(m_fcm->requests(SendPath).size(), 1);
    }

    void retryAfterAsAnHttpDateIsHonoured()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        int sends = 0;
        m_sendAnswer = [&sends](const RecordedRequest &) {
            // Two seconds on, in RFC 9110's IMF-fixdate (whole seconds: at least one from now).
            const QByteArray date = QLocale(QLocale::English)
                                        .toString(QDateTime::currentDateTimeUtc().addSecs(2),
                                                  QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"))
                                        .toLatin1() +
                                    " GMT";
            return ++sends == 1 ? answer(503, "{}", {{"Retry-After", date}}) : answer(200, "{}");
        };
        sendMessage();
        QTRY_COMPARE(counters().sent, 1);
        const QList<RecordedRequest> requests = m_fcm->requests(SendPath);
        QCOMPARE(requests.size(), 2);
        QVERIFY2(requests.at(0).receivedAt.msecsTo(requests.at(1).receivedAt) >= 1000,
                 "the retry waited for the Retry-After date");
    }

    // Pushes go out together, bounded by push/max_in_flight: FCM holds every request it gets, and
    // the daemon still sends the next ones until the bound is reached, then one wave at a time.
    void pushesGoOutConcurrentlyUpToTheBound()
    {
        startServer(QStringLiteral("fcm-v1"),
                    [](ServerConfig &config) { config.push.maxInFlight = 8; });
        for (int i = 0; i < 20; ++i)
            registerDevice(QStringLiteral("android"), QStringLiteral("phone-%1").arg(i));
        m_fcm->setHolding(true, SendPath);
        sendMessage(); // one v1 request per device
        for (const int wave : {8, 8, 4}) {
            QTRY_COMPARE(m_fcm->heldCount(), wave);
            m_fcm->releaseHeld();
        }
        QTRY_COMPARE(counters().sent, 20);
        QCOMPARE(m_fcm->requests(SendPath).size(), 20);
    }

    void legacyBatchesAndHandlesEachResult()
    {
        startServer(QStringLiteral("fcm-legacy"));
        for (const char *token : {"a-ok", "b-gone", "c-moved", "d-busy"})
            registerDevice(QStringLiteral("android"), QString::fromLatin1(token));
        registerDevice(QStringLiteral("ios"), QStringLiteral("e-ios"));
        m_sendAnswer = [](const RecordedRequest &request) {
            const QJsonArray ids =
                json(request.body).value(QLatin1String("registration_ids")).toArray();
            if (ids.size() == 4)
                return answer(200, "{\"multicast_id\":1,\"success\":2,\"failure\":2,\"results\":["
                                   "{\"message_id\":\"1\"},{\"error\":\"NotRegistered\"},"
                                   "{\"message_id\":\"3\",\"registration_id\":\"c-new\"},{"
                                   "\"error\":\"Unavailable\"}]}");
            return answer(200, "{\"results\":[{\"message_id\":\"9\"}]}");
        };
        const QJsonObject message = sendMessage();
        QTRY_COMPARE(counters().sent, 4); // a, c, e, then d on its retry
        const QList<RecordedRequest> requests = m_fcm->requests(LegacyPath);
        QCOMPARE(requests.size(), 3);
        for (const RecordedRequest &request : requests)
            QCOMPARE(request.headers.value("authorization"), QByteArray("key=server-key"));

        const QJsonObject data{{QStringLiteral("xtype"), QStringLiteral("NEW_MESSAGE")},
                               {QStringLiteral("xdata"), message},
                               {QStringLiteral("xto"), QJsonArray{1}}};
        QJsonObject android;
        QJsonObject ios;
        QJsonObject retry;
        for (const RecordedRequest &request : requests) {
            const QJsonObject body = json(request.body);
            const int count = int(body.value(QLatin1String("registration_ids")).toArray().size());
            (body.contains(QLatin1String("notification")) ? ios
             : count == 4                                 ? android
                                                          : retry) = body;
        }
        // websocket-api.md, "Android Format (FCM)".
        QCOMPARE(android,
                 QJsonObject({{QStringLiteral("registration_ids"),
                               QJsonArray{QStringLiteral("a-ok"), QStringLiteral("b-gone"),
                                          QStringLiteral("c-moved"), QStringLiteral("d-busy")}},
                              {QStringLiteral("priority"), QStringLiteral("high")},
                              {QStringLiteral("time_to_live"), 3600},
                              {QStringLiteral("collapse_key"), collapseKeyOf(message)},
                              {QStringLiteral("data"), data}}));
        QCOMPARE(ios.value(QLatin1String("registration_ids")).toArray(),
                 QJsonArray{QStringLiteral("e-ios")});
        QCOMPARE(ios.value(QLatin1String("mutable_content")), QJsonValue(true));
        QCOMPARE(ios.value(QLatin1String("notification")).toObject(),
                 QJsonObject({{QStringLiteral("title"), QStringLiteral("abdullah_zagat")},
                              {QStringLiteral("body"), QStringLiteral("hello!")},
                              {QStringLiteral("sound"), QStringLiteral("default")}}));
        QCOMPARE(ios.value(QLatin1String("data")).toObject(), data);
        // Only the token that was Unavailable is retried.
        QCOMPARE(retry.value(QLatin1String("registration_ids")).toArray(),
                 QJsonArray{QStringLiteral("d-busy")});
        QCOMPARE(counters().tokensDeleted, 1);
        QCOMPARE(devicesOf(1), (QStringList{QStringLiteral("a-ok"), QStringLiteral("c-new"),
                                            QStringLiteral("d-busy"), QStringLiteral("e-ios")}));
    }

    void queuedPushSurvivesARestartAndGoesOutOnce()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        // FCM is down; Retry-After keeps the push parked (not in flight) when the daemon stops.
        m_sendAnswer = [](const RecordedRequest &) {
            return answer(503, "{}", {{"Retry-After", "1"}});
        };
        const QJsonObject message = sendMessage();
        QTRY_VERIFY(counters().retried >= 1);
        m_server->restart(); // while FCM is still down, with the push waiting in the outbox

        int delivered = 0;
        m_sendAnswer = [&delivered](const RecordedRequest &) {
            ++delivered;
            return answer(200, "{}");
        };
        QTRY_COMPARE(counters().sent, 1);
        // Another message proves the outbox moved on without sending the first one again.
        const QJsonObject marker = sendMessage();
        QTRY_COMPARE(counters().sent, 2);
        QCOMPARE(delivered, 2);
        QCOMPARE(counters().queued, 1); // this run's own queueing: the marker
        const QList<RecordedRequest> requests = m_fcm->requests(SendPath);
        auto xdataOf = [](const RecordedRequest &request) {
            return json(json(request.body)
                            .value(QLatin1String("message"))
                            .toObject()
                            .value(QLatin1String("data"))
                            .toObject()
                            .value(QLatin1String("xdata"))
                            .toString()
                            .toUtf8());
        };
        QCOMPARE(xdataOf(requests.at(requests.size() - 2)), message);
        QCOMPARE(xdataOf(requests.last()), marker);
    }

    void oversizedPayloadIsShortenedNotTruncated()
    {
        startServer(QStringLiteral("fcm-v1"));
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        registerDevice(QStringLiteral("ios"), QStringLiteral("ios-token"));
        const QString longText = QString(9000, QLatin1Char('x'));
        const QJsonObject message = sendMessage(helloContent(longText));
        QTRY_COMPARE(m_fcm->requests(SendPath).size(), 2);
        for (const RecordedRequest &request : m_fcm->requests(SendPath)) {
            const QJsonObject sent = json(request.body).value(QLatin1String("message")).toObject();
            const bool ios = sent.contains(QLatin1String("apns"));
            const QJsonObject payload = ios ? sent.value(QLatin1String("apns"))
                                                  .toObject()
                                                  .value(QLatin1String("payload"))
                                                  .toObject()
                                            : sent.value(QLatin1String("data")).toObject();
            QVERIFY(QJsonDocument(payload).toJson(QJsonDocument::Compact).size() <= 4096);
            const QJsonObject xdata =
                ios ? payload.value(QLatin1String("xdata")).toObject()
                    : json(payload.value(QLatin1String("xdata")).toString().toUtf8());
            // Every field is still there; only the text is cut, and marked as cut.
            QCOMPARE(xdata.keys(), message.keys());
            const QString text = xdata.value(QLatin1String("content"))
                                     .toObject()
                                     .value(QLatin1String("payload"))
                                     .toObject()
                                     .value(QLatin1String("text"))
                                     .toString();
            QVERIFY(text.size() > 1000 && text.size() < longText.size());
            QVERIFY(text.endsWith(QChar(0x2026)));
            QVERIFY(longText.startsWith(text.chopped(1)));
            QCOMPARE(xdata.value(QLatin1String("seq_id")), message.value(QLatin1String("seq_id")));
            if (ios)
                QCOMPARE(payload.value(QLatin1String("aps"))
                             .toObject()
                             .value(QLatin1String("alert"))
                             .toObject()
                             .value(QLatin1String("body"))
                             .toString(),
                         text);
        }
    }

    void nonTextContentUsesTheDefaultBody()
    {
        startServer(QStringLiteral("fcm-v1"), [](ServerConfig &config) {
            config.push.defaultBody = QStringLiteral("Photo");
        });
        registerDevice(QStringLiteral("ios"), QStringLiteral("ios-token"));
        sendMessage({{QStringLiteral("type"), QStringLiteral("image/jpeg")},
                     {QStringLiteral("payload"),
                      QJsonObject{{QStringLiteral("url"), QStringLiteral("https://x/y.jpg")}}}});
        QTRY_COMPARE(m_fcm->requests(SendPath).size(), 1);
        const QJsonObject alert = json(m_fcm->requests(SendPath).first().body)
                                      .value(QLatin1String("message"))
                                      .toObject()
                                      .value(QLatin1String("apns"))
                                      .toObject()
                                      .value(QLatin1String("payload"))
                                      .toObject()
                                      .value(QLatin1String("aps"))
                                      .toObject()
                                      .value(QLatin1String("alert"))
                                      .toObject();
        QCOMPARE(alert.value(QLatin1String("body")).toString(), QStringLiteral("Photo"));
    }

    void pushGivesUpWhenItsTimeToLiveRunsOut()
    {
        startServer(QStringLiteral("fcm-v1"),
                    [](ServerConfig &config) { config.push.ttlMs = 400; });
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        m_sendAnswer = [](const RecordedRequest &) { return answer(503, "{}"); };
        sendMessage();
        QTRY_COMPARE(counters().failed, 1);
        QCOMPARE(counters().sent, 0);
        QVERIFY(counters().retried >= 1);
    }

    void fullOutboxDropsTheOldest()
    {
        startServer(QStringLiteral("fcm-v1"),
                    [](ServerConfig &config) { config.push.maxOutbox = 2; });
        registerDevice(QStringLiteral("android"), QStringLiteral("android-token"));
        m_sendAnswer = [](const RecordedRequest &) {
            return answer(503, "{}", {{"Retry-After", "60"}});
        };
        const QJsonObject oldest = sendMessage();
        sendMessage();
        sendMessage();
        QTRY_COMPARE(counters().dropped, 1);
        QCOMPARE(counters().queued, 3);
        const auto left = m_server->server().storage().call<QVector<qint64>>([](Storage &storage) {
            QVector<qint64> seqIds;
            // Two minutes on: past the Retry-After, well within the time to live.
            const qint64 later = QDateTime::currentMSecsSinceEpoch() + 120000;
            for (const PushRecord &push :
                 storage.claimDuePushes(later, QStringLiteral("test"), later, 10).due)
                seqIds.append(push.seqId);
            return seqIds;
        });
        QCOMPARE(left.value.size(), 2);
        QVERIFY(!left.value.contains(oldest.value(QLatin1String("seq_id")).toInteger()));
    }

    void brokenCredentialsStopTheStart_data()
    {
        QTest::addColumn<QByteArray>("fileContents"); // empty: no file at all
        QTest::newRow("missing file") << QByteArray();
        QTest::newRow("not json") << QByteArray("not json");
        QTest::newRow("bad key") << QByteArray(
            "{\"client_email\":\"a@b\",\"token_uri\":\"http://127.0.0.1/"
            "t\",\"project_id\":\"p\",\"private_key\":\"nope\"}");
    }
    void brokenCredentialsStopTheStart()
    {
        QFETCH(QByteArray, fileContents);
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QFile::remove(path);
        if (!fileContents.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(fileContents);
        }
        ServerConfig config;
        config.listenAddress = QHostAddress(QHostAddress::LocalHost);
        config.listenPort = 0;
        config.admin.enabled = false;
        config.databasePath = m_dir.filePath(QStringLiteral("broken.sqlite"));
        config.push.credentialsPath = path;
        ChatServer server(config);
        QString error;
        QVERIFY(!server.start(&error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }
};

HARAJCHAT_TEST_MAIN(PushTest)
#include "tst_push.moc"
