// The gateway's WebSocket layer as pure functions: the frame reader, UTF-8 checking, the
// opening handshake and the frames the server writes.
#include "RawWsClient.h"
#include "TestMain.h"
#include "gateway/HttpRequestHead.h"
#include "gateway/WsFrameReader.h"
#include "gateway/WsFrames.h"
#include "gateway/WsHandshake.h"

#include <QTest>

using namespace harajchat;

namespace {
constexpr qint64 Limit = 1000;

QByteArray clientFrame(quint8 first, const QByteArray &payload, bool masked = true)
{
    return test::RawWsClient::clientFrame(first, payload, masked);
}

QByteArray text(const QByteArray &payload)
{
    return clientFrame(0x81, payload);
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    return QByteArray(1, char(code >> 8)) + char(code & 0xff) + reason;
}

// Everything the reader delivers for `bytes`, fed in pieces of `piece` bytes.
QList<WsInput> readAll(const QByteArray &bytes, qsizetype piece = 0)
{
    WsFrameReader reader(Limit);
    QList<WsInput> inputs;
    const auto collect = [&inputs](WsInput &&input) {
        inputs.append(std::move(input));
        return true;
    };
    const qsizetype step = piece > 0 ? piece : qMax<qsizetype>(1, bytes.size());
    for (qsizetype at = 0; at < bytes.size(); at += step)
        reader.feed(QByteArrayView(bytes).sliced(at, qMin(step, bytes.size() - at)), collect);
    return inputs;
}
} // namespace

class WsProtocolTest : public QObject
{
    Q_OBJECT

private slots:
    void wholeFrames()
    {
        const QList<WsInput> inputs =
            readAll(text("hello") + clientFrame(0x82, "\x01\x02") + clientFrame(0x8A, "p"));
        QCOMPARE(inputs.size(), 3);
        QCOMPARE(inputs[0].kind, WsInput::Text);
        QCOMPARE(inputs[0].payload, QByteArray("hello"));
        QCOMPARE(inputs[1].kind, WsInput::Binary);
        QCOMPARE(inputs[2].kind, WsInput::Pong);
        QCOMPARE(inputs[2].payload, QByteArray("p"));
    }

    void frameArrivingByteByByte()
    {
        const QByteArray message(300, 'x'); // a 16-bit length
        const QList<WsInput> inputs = readAll(text(message) + text("next"), 1);
        QCOMPARE(inputs.size(), 2);
        QCOMPARE(inputs[0].payload, message);
        QCOMPARE(inputs[1].payload, QByteArray("next"));
    }

    void fragmentsWithPingBetween()
    {
        const QByteArray bytes = clientFrame(0x01, "he") + clientFrame(0x89, "are you there") +
                                 clientFrame(0x00, "ll") + clientFrame(0x80, "o");
        for (const qsizetype piece : {0, 3}) {
            const QList<WsInput> inputs = readAll(bytes, piece);
            QCOMPARE(inputs.size(), 2);
            QCOMPARE(inputs[0].kind, WsInput::Ping);
            QCOMPARE(inputs[0].payload, QByteArray("are you there"));
            QCOMPARE(inputs[1].kind, WsInput::Text);
            QCOMPARE(inputs[1].payload, QByteArray("hello"));
        }
    }

    void closeFrameEndsReading()
    {
        const QList<WsInput> inputs =
            readAll(clientFrame(0x88, closePayload(1000, "bye")) + text("ignored"));
        QCOMPARE(inputs.size(), 1);
        QCOMPARE(inputs[0].kind, WsInput::Close);
        QCOMPARE(inputs[0].closeCode, quint16(1000));
        QCOMPARE(inputs[0].payload, QByteArray("bye"));
        const QList<WsInput> empty = readAll(clientFrame(0x88, {}));
        QCOMPARE(empty.size(), 1);
        QCOMPARE(empty[0].closeCode, quint16(CloseNoStatus));
    }

    void violations_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("closeCode");
        QTest::newRow("unmasked") << clientFrame(0x81, "{}", false) << 1002;
        QTest::newRow("reserved bit") << clientFrame(0xC1, "{}") << 1002;
        QTest::newRow("unknown opcode") << clientFrame(0x83, "{}") << 1002;
        QTest::newRow("continuation first") << clientFrame(0x80, "{}") << 1002;
        QTest::newRow("text inside a message") << clientFrame(0x01, "a") + text("b") << 1002;
        QTest::newRow("fragmented ping") << clientFrame(0x09, "p") << 1002;
        QTest::newRow("long ping") << clientFrame(0x89, QByteArray(126, 'p')) << 1002;
        QTest::newRow("64-bit length with the top bit")
            << QByteArray("\x81\xff\x80\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04", 14) << 1002;
        // The header alone is enough to refuse: the payload never arrives.
        QTest::newRow("header over the limit") << QByteArray("\x81\xfe\x03\xe9", 4) << 1009;
        QTest::newRow("64-bit length over the limit")
            << QByteArray("\x82\xff\x00\x00\x00\x01\x00\x00\x00\x00", 10) << 1009;
        QTest::newRow("fragments over the limit")
            << clientFrame(0x01, QByteArray(600, 'a')) + clientFrame(0x80, QByteArray(401, 'a'))
            << 1009;
        QTest::newRow("text not UTF-8") << text("\xed\xa0\x80") << 1007;
        QTest::newRow("close with one byte") << clientFrame(0x88, "\x03") << 1002;
        QTest::newRow("close code 1005") << clientFrame(0x88, closePayload(1005)) << 1002;
        QTest::newRow("close code 999") << clientFrame(0x88, closePayload(999)) << 1002;
        QTest::newRow("close code 2000") << clientFrame(0x88, closePayload(2000)) << 1002;
        QTest::newRow("close reason not UTF-8")
            << clientFrame(0x88, closePayload(1000, "\xff")) << 1007;
    }

    void violations()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, closeCode);
        const QList<WsInput> inputs = readAll(bytes + text("after"));
        QCOMPARE(inputs.size(), 1);
        QCOMPARE(inputs[0].kind, WsInput::Failure);
        QCOMPARE(int(inputs[0].closeCode), closeCode);
    }

    void deliverCanStopReading()
    {
        WsFrameReader reader(Limit);
        int delivered = 0;
        reader.feed(text("one") + text("two"), [&delivered](WsInput &&) {
            ++delivered;
            return false; // the connection is closing
        });
        QCOMPARE(delivered, 1);
        QVERIFY(reader.stopped());
        reader.feed(text("three"), [&delivered](WsInput &&) { return ++delivered > 0; });
        QCOMPARE(delivered, 1);
    }

    void messageAtTheLimit()
    {
        const QList<WsInput> inputs = readAll(clientFrame(0x01, QByteArray(600, 'a')) +
                                              clientFrame(0x80, QByteArray(400, 'a')));
        QCOMPARE(inputs.size(), 1);
        QCOMPARE(inputs[0].payload.size(), Limit);
    }

    void utf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("{\"a\":1}") << true;
        QTest::newRow("arabic") << QStringLiteral("مرحبا").toUtf8() << true;
        QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
        QTest::newRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("overlong 3 bytes") << QByteArray("\xe0\x80\xaf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("over U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("cut short") << QByteArray("a\xe2\x82") << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
        QTest::newRow("bad continuation") << QByteArray("\xe2\x28\xa1") << false;
        QTest::newRow("0xff") << QByteArray("\xff") << false;
    }

    void utf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(bytes), valid);
    }

    void handshake()
    {
        // The example of RFC 6455 §1.3.
        std::variant<HttpRequest, HttpRefusal> parsed = parseRequestHead(
            "GET /chat/ws HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\n"
            "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13");
        const HttpRequest &request = std::get<HttpRequest>(parsed);
        const auto answer = answerWebSocketUpgrade(request);
        const QByteArray *accept = std::get_if<QByteArray>(&answer);
        QVERIFY(accept);
        QVERIFY(accept->startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(accept->contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(accept->endsWith("\r\n\r\n"));

        // The status of the refusal of `wrong`, 0 when it was accepted.
        const auto refusalStatus = [](const HttpRequest &wrong) {
            const auto refused = answerWebSocketUpgrade(wrong);
            const HttpResponse *response = std::get_if<HttpResponse>(&refused);
            return response ? response->status : 0;
        };
        HttpRequest wrong = request;
        wrong.setHeader("sec-websocket-version", "8");
        QCOMPARE(refusalStatus(wrong), 426);
        const auto versionRefused = answerWebSocketUpgrade(wrong);
        QVERIFY(std::get<HttpResponse>(versionRefused)
                    .headers.contains(
                        qMakePair(QByteArray("Sec-WebSocket-Version"), QByteArray("13"))));
        wrong = request;
        wrong.setHeader("sec-websocket-key", "c2hvcnQ="); // 5 bytes
        QCOMPARE(refusalStatus(wrong), 400);
        wrong = request;
        wrong.removeHeader("connection");
        QCOMPARE(refusalStatus(wrong), 400);
        wrong = request;
        wrong.removeHeader("host");
        QCOMPARE(refusalStatus(wrong), 400);
        wrong = request;
        wrong.http10 = true;
        QCOMPARE(refusalStatus(wrong), 400);
    }

    void serverFrames()
    {
        QCOMPARE(encodeFrame(WsOpcode::Text, "hi"), QByteArray("\x81\x02hi"));
        const QByteArray medium = encodeFrame(WsOpcode::Text, QByteArray(300, 'x'));
        QCOMPARE(medium.left(4), QByteArray("\x81\x7e\x01\x2c"));
        QCOMPARE(encodeFrame(WsOpcode::Text, QByteArray(70000, 'x')).left(10),
                 QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x11\x70", 10));
        // A close reason is cut to fit 125 bytes, between characters.
        const QByteArray close = encodeCloseFrame(4401, QString(100, QChar(0x00e9)));
        QCOMPARE(quint8(close[0]), quint8(0x88));
        QVERIFY(quint8(close[1]) <= 125);
        QCOMPARE(close.mid(2, 2), QByteArray("\x11\x31"));
        QVERIFY(isValidUtf8(close.mid(4)));
    }
};

HARAJCHAT_TEST_MAIN(WsProtocolTest)
#include "tst_ws_protocol.moc"
