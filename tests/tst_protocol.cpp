// The shared protocol library: envelope, error table, timestamps, ids, presence packets.
#include "protocol/ApiError.h"
#include "protocol/Envelope.h"
#include "protocol/Ids.h"
#include "protocol/Packets.h"
#include "protocol/Timestamp.h"

#include <QJsonDocument>
#include <QTest>

using namespace harajchat::protocol;

class ProtocolTest : public QObject
{
    Q_OBJECT

private slots:
    void errorTableMatchesHttpApi_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("400") << ApiError::BadRequest << 400 << QStringLiteral("ERR_BAD_REQUEST");
        QTest::newRow("400 re-auth")
            << ApiError::AlreadyAuthenticated << 400 << QStringLiteral("ERR_ALREADY_AUTHENTICATED");
        QTest::newRow("401 auth") << ApiError::AuthRequired << 401
                                  << QStringLiteral("ERR_AUTH_REQUIRED");
        QTest::newRow("401 token")
            << ApiError::InvalidAccessToken << 401 << QStringLiteral("ERR_INVALID_ACCESS_TOKEN");
        QTest::newRow("401 login")
            << ApiError::InvalidCredentials << 401 << QStringLiteral("ERR_INVALID_CREDENTIALS");
        QTest::newRow("403") << ApiError::ForbiddenAccess << 403
                             << QStringLiteral("ERR_FORBIDDEN_ACCESS");
        QTest::newRow("404") << ApiError::NotFound << 404 << QStringLiteral("ERR_NOT_FOUND");
        QTest::newRow("405") << ApiError::MethodNotAllowed << 405
                             << QStringLiteral("ERR_METHOD_NOT_ALLOWED");
        QTest::newRow("413") << ApiError::PayloadTooLarge << 413
                             << QStringLiteral("ERR_PAYLOAD_TOO_LARGE");
        QTest::newRow("429") << ApiError::RateLimited << 429 << QStringLiteral("ERR_RATE_LIMITED");
        QTest::newRow("500") << ApiError::ServerInternalError << 500
                             << QStringLiteral("ERR_SERVER_INTERNAL_ERROR");
    }
    void errorTableMatchesHttpApi()
    {
        QFETCH(ApiError, error);
        QFETCH(int, status);
        QFETCH(QString, code);
        QCOMPARE(httpStatus(error), status);
        QCOMPARE(errorCode(error), code);
        const QJsonObject envelope = errorEnvelope(error, QStringLiteral("req"));
        QCOMPARE(envelope.value(QLatin1String("status")).toInt(), status);
        QCOMPARE(envelope.value(QLatin1String("err")).toString(), code);
        QCOMPARE(envelope.value(QLatin1String("id")).toString(), QStringLiteral("req"));
    }

    void successEnvelopeHasDataAndTs()
    {
        const QJsonObject envelope = successEnvelope(201, {{QStringLiteral("a"), 1}});
        QCOMPARE(envelope.value(QLatin1String("status")).toInt(), 201);
        QCOMPARE(envelope.value(QLatin1String("data")).toObject().value(QLatin1String("a")).toInt(),
                 1);
        QVERIFY(envelope.contains(QLatin1String("ts")));
        QVERIFY(!envelope.contains(QLatin1String("id")));
        QVERIFY(!toCompactJson(envelope).contains(' '));
    }

    // The per-message writers must give exactly the bytes QJsonDocument gives for the same object.
    void compactMessageEqualsQtJson_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("read");
        QString everyAscii;
        for (char16_t unit = 0; unit < 0x80; ++unit)
            everyAscii.append(QChar(unit));
        QTest::newRow("plain") << QStringLiteral("Sara") << false;
        QTest::newRow("every ASCII character") << everyAscii << true;
        QTest::newRow("Arabic") << QStringLiteral("سارة العتيبي") << false;
        QTest::newRow("outside the BMP") << QStringLiteral("Omar \U0001F600") << true;
        const char16_t loneSurrogates[] = {0xd800, u'a', 0xdc00, u' ', 0xd83d};
        QTest::newRow("lone surrogates") << QString::fromUtf16(loneSurrogates, 5) << false;
        QTest::newRow("empty") << QString() << true;
    }
    void compactMessageEqualsQtJson()
    {
        QFETCH(QString, name);
        QFETCH(bool, read);
        const QJsonObject content{
            {QStringLiteral("msg"), QStringLiteral("is it still for sale? \"yes\"\n")},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("listing"), 88123}, {QStringLiteral("tags"), name}}}};
        const QByteArray contentJson = toCompactJson(content);
        const ChatMessage message{QStringLiteral("p2p12_3400000000"),
                                  1764121000123,
                                  12,
                                  name,
                                  content,
                                  3400000000,
                                  read,
                                  1764121000001};
        QCOMPARE(message.toCompactJson(contentJson), toCompactJson(message.toJson()));
        QCOMPARE(messagePacketJson(message.toCompactJson(contentJson)),
                 toCompactJson(messagePacket(message)));
    }

    void compactSuccessEnvelopeEqualsQtJson()
    {
        const QJsonObject data{{QStringLiteral("topic_id"), QStringLiteral("p2p1_2")}};
        const QByteArray written = successEnvelopeJson(201, toCompactJson(data));
        QJsonObject expected = successEnvelope(201, data);
        expected.insert(QStringLiteral("ts"),
                        QJsonDocument::fromJson(written).object().value(QLatin1String("ts")));
        QCOMPARE(written, toCompactJson(expected));
    }

    void timestampHasMillisecondsAndZ()
    {
        QCOMPARE(formatTimestampMs(1517560239789), QStringLiteral("2018-02-02T08:30:39.789Z"));
        QCOMPARE(formatTimestampMs(1517560239000), QStringLiteral("2018-02-02T08:30:39.000Z"));
        const QDateTime local(QDate(2018, 2, 2), QTime(11, 30, 39, 5), Qt::OffsetFromUTC, 3 * 3600);
        QCOMPARE(formatTimestamp(local), QStringLiteral("2018-02-02T08:30:39.005Z"));
    }

    void userIds()
    {
        QCOMPARE(userIdFromJson(QJsonValue(2)), std::optional<qint64>(2));
        QCOMPARE(userIdFromJson(QJsonValue(2.0)), std::optional<qint64>(2));
        QCOMPARE(userIdFromJson(QJsonValue(double(MaxUserId))), std::optional<qint64>(MaxUserId));
        QVERIFY(!userIdFromJson(QJsonValue(0)));
        QVERIFY(!userIdFromJson(QJsonValue(-1)));
        QVERIFY(!userIdFromJson(QJsonValue(1.5)));
        QVERIFY(!userIdFromJson(QJsonValue(QStringLiteral("2"))));
        QVERIFY(!userIdFromJson(QJsonValue(true)));
        QVERIFY(!userIdFromJson(QJsonValue(9007199254740992.0)));
    }

    void p2pTopicIds()
    {
        QCOMPARE(p2pTopicId(2, 1), QStringLiteral("p2p1_2"));
        QCOMPARE(p2pTopicId(1, 2), QStringLiteral("p2p1_2"));
        QCOMPARE(p2pTopicMembers(QStringLiteral("p2p1_2")),
                 std::make_optional(std::make_pair(qint64(1), qint64(2))));
        QVERIFY(!p2pTopicMembers(QStringLiteral("p2p2_1")));  // not canonical
        QVERIFY(!p2pTopicMembers(QStringLiteral("p2p1_1")));  // oneself
        QVERIFY(!p2pTopicMembers(QStringLiteral("p2p01_2"))); // leading zero
        QVERIFY(!p2pTopicMembers(QStringLiteral("grp1_2")));
        QVERIFY(!p2pTopicMembers(QStringLiteral("p2p1_2x")));
        for (const char *malformed :
             {"p2p_2", "p2p1_", "p2p1__2", "p2p1_2_3", "p2p1_02", "p2p1_2\n", "p2p-1_2", "p2p 1_2",
              "P2P1_2", "p2p1_12345678901234567"})
            QVERIFY2(!p2pTopicMembers(QString::fromLatin1(malformed)), malformed);
        const char16_t arabicIndicDigits[] = {u'p', u'2', u'p', 0x0661, u'_', 0x0662, 0};
        QVERIFY(!p2pTopicMembers(QString::fromUtf16(arabicIndicDigits)));
        QCOMPARE(p2pTopicMembers(QStringLiteral("p2p1_9007199254740991")),
                 std::make_optional(std::make_pair(qint64(1), qint64(9007199254740991))));
    }

    void presencePacketsMatchSpec()
    {
        const QJsonObject online =
            presencePacket(PresenceKind::Online, 2).value(QLatin1String("pres")).toObject();
        QCOMPARE(online.keys(), (QStringList{QStringLiteral("from_id"), QStringLiteral("ts"),
                                             QStringLiteral("what")}));
        QCOMPARE(online.value(QLatin1String("what")).toString(), QStringLiteral("online"));
        const QJsonObject typing =
            presencePacket(PresenceKind::StopTyping, 2, QStringLiteral("p2p1_2"))
                .value(QLatin1String("pres"))
                .toObject();
        QCOMPARE(typing.value(QLatin1String("what")).toString(), QStringLiteral("stop_typing"));
        QCOMPARE(typing.value(QLatin1String("topic_id")).toString(), QStringLiteral("p2p1_2"));
    }
};

QTEST_GUILESS_MAIN(ProtocolTest)
#include "tst_protocol.moc"
