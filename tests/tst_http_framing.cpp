// HTTP/1.1 as RFC 9110 and 9112 require it of a server, at the daemon's edge: how requests are
// framed (head, Content-Length, chunked), what is refused with which status, and keep-alive with
// pipelining. The reader is tested alone with every split of its input, then through the daemon.
#include "RawHttp.h"
#include "TestMain.h"
#include "TestServer.h"
#include "gateway/HttpRequestReader.h"

#include <QTest>

using namespace harajchat;
using namespace harajchat::test;

namespace {
// What the reader makes of `input` given in two pieces split at `split`: the requests read
// (method, path, body), then the refusal's status if it refused.
QByteArrayList readInTwoPieces(const QByteArray &input, qsizetype split)
{
    HttpRequestReader reader{HttpLimits{}};
    QByteArrayList outcome;
    QByteArray pending;
    for (const QByteArray &piece : {input.left(split), input.mid(split)}) {
        pending += piece;
        for (;;) {
            pending.remove(0, reader.read(pending));
            if (reader.state() != HttpRequestReader::State::Ready)
                break;
            const HttpRequest request = reader.takeRequest();
            outcome.append(request.method + ' ' + request.path.toUtf8() + ' ' + request.body);
        }
        if (reader.state() == HttpRequestReader::State::Refused) {
            outcome.append(QByteArray::number(int(reader.refusal())));
            break;
        }
    }
    return outcome;
}

QByteArray statusLine(const QByteArray &response)
{
    return response.left(response.indexOf("\r\n"));
}
} // namespace

class HttpFramingTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QByteArray m_aliceToken;

    // Sends `request` on a new connection and returns the status line of the answer.
    QByteArray answerTo(const QByteArray &request)
    {
        RawHttp raw(m_server->port());
        raw.send(request);
        const QByteArrayList answers = raw.responses();
        return answers.isEmpty() ? QByteArray("no answer") : statusLine(answers.first());
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.httpIdleTimeoutMs = 500;
            config.commitDelayMs = 0; // pipelined /healthz calls wait for the database one by one
        });
        const qint64 alice =
            m_server->addUser(QStringLiteral("alice"), QStringLiteral("alice-pass"));
        m_aliceToken = m_server->issueToken(alice);
    }
    void cleanup() { m_server.reset(); }

    void requestHeads()
    {
        const auto parsed = [](QByteArrayView head) {
            std::variant<HttpRequest, HttpRefusal> result = parseRequestHead(head);
            auto *request = std::get_if<HttpRequest>(&result);
            return request ? std::optional<HttpRequest>(std::move(*request)) : std::nullopt;
        };
        auto request = parsed("GET /chat/topics/p2p1_2/messages?limit=5&since=3 HTTP/1.1\r\n"
                              "Host: x\r\nAUTHORIZATION: Bearer t\r\nX-A: 1\r\nX-A: 2");
        QVERIFY(request);
        QCOMPARE(request->method, QByteArray("GET"));
        QCOMPARE(request->path, QStringLiteral("/chat/topics/p2p1_2/messages"));
        QCOMPARE(request->query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
        QCOMPARE(request->header("authorization"), QByteArray("Bearer t"));
        QCOMPARE(request->header("x-a"), QByteArray("1, 2"));
        QVERIFY(!request->wantsClose());
        QVERIFY(parsed("GET /a%20b HTTP/1.0")->wantsClose());
        QCOMPARE(parsed("GET /a%20b HTTP/1.0")->path, QStringLiteral("/a b"));
        // Escaped slashes and percent signs stay escaped: a segment never splits.
        QCOMPARE(parsed("GET /a%2fb%25%41 HTTP/1.0")->path, QStringLiteral("/a%2Fb%25A"));
        // An absolute-form target's authority is the host.
        request = parsed("GET HTTP://h.example:80?x=1 HTTP/1.1\r\nHost: other");
        QCOMPARE(request->path, QStringLiteral("/"));
        QCOMPARE(request->header("host"), QByteArray("h.example:80"));
        // A later HTTP/1.x is served as 1.1.
        QVERIFY(!parsed("GET / HTTP/1.2\r\nHost: x")->http10);
        for (const char *bad :
             {"GET noslash HTTP/1.1", "GET / HTTP/1.1 extra", "G(T / HTTP/1.1",
              "GET / HTTP/1.1\r\n: empty", "GET / HTTP/1.1\r\nBad Name: x", "GET  / HTTP/1.1",
              "GET /", "", "GET / HTTP/1.1\r\n\r\nHost: x", "GET / HTTP/1.1", "GET /a#b HTTP/1.0",
              "GET /%4 HTTP/1.0", "GET /%00 HTTP/1.0", "GET /%ff HTTP/1.0", "POST * HTTP/1.0",
              "GET / HTTP/1.1\r\nHost: x\r\nX-A: \x7f"})
            QVERIFY2(!parsed(bad), bad);
        QCOMPARE(std::get<HttpRefusal>(parseRequestHead("GET / HTTP/3.0")),
                 HttpRefusal::VersionNotSupported);
        // Bare LF line ends are read too, and values lose the spaces and tabs around them.
        const auto bare = parsed("GET / HTTP/1.1\nHost: \t  x y  \nX-B:");
        QVERIFY(bare);
        QCOMPARE(bare->header("host"), QByteArray("x y"));
        QVERIFY(bare->hasHeader("x-b"));
        QVERIFY(!bare->hasHeader("x-c"));
        // At most 100 fields.
        QByteArray head = "GET / HTTP/1.1\r\nHost: x";
        for (int i = 0; i < 99; ++i)
            head += "\r\nX-" + QByteArray::number(i) + ": v";
        QVERIFY(parsed(head));
        QCOMPARE(std::get<HttpRefusal>(parseRequestHead(head + "\r\nX-One-Too-Many: v")),
                 HttpRefusal::HeaderFieldsTooLarge);
    }

    // Every request framing, cut at every byte, reads as it does in one piece.
    void readerGivesTheSameRequestsWhereverTheInputIsSplit_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::newRow("pipelined lengths")
            << QByteArray("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                          "GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            << QByteArrayList{"POST /a abc", "GET /b "};
        QTest::newRow("chunked with extension and trailer")
            << QByteArray("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3;name=value\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 1\r\n\r\n")
            << QByteArrayList{"POST /c abc0123456789abcdef"};
        QTest::newRow("bare LF and a leading empty line")
            << QByteArray("\r\nGET /d HTTP/1.1\nHost: x\n\n") << QByteArrayList{"GET /d "};
        // A request line of exactly the limit, its CR arriving before its LF (found by fuzzing).
        const QByteArray longPath = "/" + QByteArray(8192 - 14, 'a');
        QTest::newRow("request line at the limit")
            << "GET " + longPath + " HTTP/1.1\r\nHost: x\r\n\r\n"
            << QByteArrayList{"GET " + longPath + ' '};
        QTest::newRow("bad chunk size")
            << QByteArray("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "zz\r\n")
            << QByteArrayList{"400"};
        QTest::newRow("chunks over the body limit")
            << QByteArray("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "8000\r\n") +
                   QByteArray(0x8000, 'a') + "\r\n8001\r\n"
            << QByteArrayList{"413"};
    }
    void readerGivesTheSameRequestsWhereverTheInputIsSplit()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArrayList, expected);
        // Long inputs are split at every byte of their head and tail, the rest in steps.
        for (qsizetype split = 0; split <= input.size(); split += split < 200 ? 1 : 997)
            QCOMPARE(readInTwoPieces(input, split), expected);
        QCOMPARE(readInTwoPieces(input, input.size() - 1), expected);
        // And between every CR and its LF.
        for (qsizetype cr = input.indexOf('\r'); cr >= 0; cr = input.indexOf('\r', cr + 1))
            QCOMPARE(readInTwoPieces(input, cr + 1), expected);
    }

    // RFC 9110 §9.3.2: HEAD is GET without the body, and the connection stays in step.
    void headIsAnsweredWithoutABody()
    {
        RawHttp raw(m_server->port());
        raw.send(
            "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray head = raw.head();
        QVERIFY2(head.startsWith("HTTP/1.1 200 "), head.constData());
        QVERIFY(head.contains("Content-Length: "));
        const QByteArrayList answers = raw.responses();
        QCOMPARE(answers.size(), 1);
        QVERIFY(answers.first().startsWith("HTTP/1.1 200 "));
        QVERIFY(answers.first().endsWith("}"));
        // The length announced by the HEAD is the GET's.
        const QByteArray length =
            head.mid(head.indexOf("Content-Length: ") + 16).split('\r').first();
        QCOMPARE(length.toInt(), answers.first().size() - answers.first().indexOf("\r\n\r\n") - 4);
    }

    // More pipelined input than the connection's read buffer holds is all answered, in order.
    void pipelinedRequestsBeyondTheReadBufferAreAllAnswered()
    {
        RawHttp raw(m_server->port());
        // Answers that wait for the database let the input pile up meanwhile.
        constexpr int Count = 3000; // 102 KB, over the 80 KiB buffer
        QByteArray requests;
        for (int i = 0; i < Count; ++i)
            requests += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        raw.send(requests);
        const QByteArrayList answers = raw.responses(Count);
        QCOMPARE(answers.size(), Count);
        QVERIFY(answers.last().startsWith("HTTP/1.1 200 "));

        const QByteArray body(60000, 'x'); // not JSON: each is a 400 on a connection kept open
        QByteArray posts;
        for (int i = 0; i < 3; ++i)
            posts += "POST /chat/login HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\n" + body;
        raw.send(posts);
        const QByteArrayList postAnswers = raw.responses(3);
        QCOMPARE(postAnswers.size(), 3);
        for (const QByteArray &answer : postAnswers)
            QCOMPARE(statusLine(answer), QByteArray("HTTP/1.1 400 Bad Request"));
    }

    // RFC 9112 §7.1: a chunked body is read, split anyhow, with extensions and trailers.
    void chunkedBodiesAreRead()
    {
        RawHttp raw(m_server->port());
        const QByteArray login = R"({"username":"alice","password":"alice-pass"})";
        raw.send("POST /chat/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                 QByteArray::number(10, 16) + ";ext=1\r\n" + login.left(10) + "\r\n");
        raw.send(QByteArray::number(login.size() - 10, 16) + "\r\n" + login.mid(10) +
                 "\r\n0\r\nX-Checksum: none\r\n\r\n");
        const QByteArrayList answers = raw.responses();
        QCOMPARE(answers.size(), 1);
        QVERIFY2(answers.first().startsWith("HTTP/1.1 200 "), answers.first().constData());
        QVERIFY(answers.first().contains("\"access_token\""));
        QVERIFY(raw.isConnected());
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        const QByteArray post = "POST /chat/login HTTP/1.1\r\nHost: x\r\n";
        QTest::newRow("garbage line") << QByteArray("HELLO\r\n\r\n") << QByteArray("400");
        QTest::newRow("HTTP/2.0") << QByteArray("GET /healthz HTTP/2.0\r\n\r\n")
                                  << QByteArray("505");
        QTest::newRow("no colon") << QByteArray(
                                         "GET /healthz HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n")
                                  << QByteArray("400");
        QTest::newRow("space before colon")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n") << QByteArray("400");
        QTest::newRow("folded line")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n")
            << QByteArray("400");
        QTest::newRow("no Host") << QByteArray("GET /healthz HTTP/1.1\r\n\r\n")
                                 << QByteArray("400");
        QTest::newRow("two Hosts")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
            << QByteArray("400");
        QTest::newRow("NUL in a value")
            << "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a" + QByteArray(1, '\0') + "b\r\n\r\n"
            << QByteArray("400");
        QTest::newRow("bare CR in a value")
            << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n")
            << QByteArray("400");
        QTest::newRow("length with a sign")
            << post + "Content-Length: +2\r\n\r\n{}" << QByteArray("400");
        QTest::newRow("length in words") << post + "Content-Length: ten\r\n\r\n"
                                         << QByteArray("400");
        QTest::newRow("two lengths")
            << post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}" << QByteArray("400");
        QTest::newRow("length and chunked")
            << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            << QByteArray("400");
        QTest::newRow("unknown coding") << post + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                                        << QByteArray("501");
        QTest::newRow("unknown method")
            << QByteArray("FOO /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("501");
        QTest::newRow("CONNECT") << QByteArray("CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n")
                                 << QByteArray("501");
        QTest::newRow("20 KB request line")
            << "GET /healthz?q=" + QByteArray(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"
            << QByteArray("414");
        QTest::newRow("17 KB field")
            << "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + QByteArray(17000, 'a') + "\r\n\r\n"
            << QByteArray("431");
        QByteArray manyFields = "GET /healthz HTTP/1.1\r\nHost: x";
        for (int i = 0; i < 100; ++i)
            manyFields += "\r\nX-" + QByteArray::number(i) + ": v";
        QTest::newRow("101 fields") << manyFields + "\r\n\r\n" << QByteArray("431");
        QTest::newRow("bad escape")
            << QByteArray("GET /heal%zzhz HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("400");
    }
    void refusedRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        RawHttp raw(m_server->port());
        raw.send(request);
        const QByteArrayList answers = raw.responses();
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().mid(9, 3), status);
        // The contract's envelope, its status the HTTP one.
        QVERIFY(answers.first().contains("\"status\":" + status));
        QVERIFY(answers.first().contains("\"err\":\"ERR_"));
        // A refused head leaves the framing unknown: the connection ends (an unknown method's
        // request is whole, and its connection stays).
        if (!request.startsWith("FOO"))
            QVERIFY(raw.waitForClose());
    }

    // A body over the limit is answered 413 from the head. When the client is still sending it,
    // the server reads and drops the rest (a lingering close) instead of closing with input
    // unread, which would reset the connection and lose the answer.
    void bodyOverLimitIs413_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("sent");
        QTest::newRow("body announced") << 70000 << 1;
        QTest::newRow("body still arriving") << 2 * 1024 * 1024 << 2 * 1024 * 1024;
    }
    void bodyOverLimitIs413()
    {
        QFETCH(int, length);
        QFETCH(int, sent);
        RawHttp raw(m_server->port());
        raw.send("POST /chat/login HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                 QByteArray::number(length) + "\r\n\r\n" + QByteArray(sent, '{'));
        const QByteArrayList answers = raw.responses();
        QCOMPARE(answers.size(), 1);
        QVERIFY(answers.first().startsWith("HTTP/1.1 413 "));
        QVERIFY(answers.first().contains("\"err\":\"ERR_PAYLOAD_TOO_LARGE\""));
        QVERIFY(raw.waitForClose());
    }

    void acceptedRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("bare LF") << QByteArray("GET /healthz HTTP/1.1\nHost: x\n\n")
                                 << QByteArray("200");
        QTest::newRow("leading empty line")
            << QByteArray("\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("200");
        QTest::newRow("absolute form")
            << QByteArray("GET http://chat.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            << QByteArray("200");
        QTest::newRow("HTTP/1.0 without Host")
            << QByteArray("GET /healthz HTTP/1.0\r\n\r\n") << QByteArray("200");
        // %2F is no separator (RFC 3986 §2.2); an escaped unreserved character is the same one.
        QTest::newRow("escaped slash")
            << QByteArray("GET /chat%2Fme HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("404");
        QTest::newRow("escaped slash, lower case")
            << QByteArray("GET /chat%2fws HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("404");
        QTest::newRow("escaped letter")
            << QByteArray("GET /heal%74hz HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("200");
        QTest::newRow("OPTIONS *")
            << QByteArray("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("200");
    }
    void acceptedRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        QCOMPARE(answerTo(request).mid(9, 3), status);
    }

    void optionsNamesTheMethodsOfAPath()
    {
        RawHttp raw(m_server->port());
        raw.send("OPTIONS /chat/topics HTTP/1.1\r\nHost: x\r\n\r\n"
                 "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArrayList answers = raw.responses(2);
        QCOMPARE(answers.size(), 2);
        QVERIFY(answers.at(0).contains("\r\nAllow: POST, GET, HEAD, OPTIONS\r\n"));
        QVERIFY(answers.at(1).contains("\r\nAllow: "));
        QVERIFY(answers.at(1).contains("DELETE"));
    }

    // RFC 6455 §4.2.2: another version is 426 naming ours; other faults are 400.
    void webSocketHandshakeRules()
    {
        const QByteArray upgrade = "GET /chat/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                                   "Connection: Upgrade\r\nSec-WebSocket-Key: "
                                   "dGhlIHNhbXBsZSBub25jZQ==\r\n";
        RawHttp raw(m_server->port());
        raw.send(upgrade + "Sec-WebSocket-Version: 8\r\n\r\n");
        QByteArrayList answers = raw.responses();
        QCOMPARE(answers.size(), 1);
        QCOMPARE(statusLine(answers.first()), QByteArray("HTTP/1.1 426 Upgrade Required"));
        QVERIFY(answers.first().contains("\r\nSec-WebSocket-Version: 13\r\n"));
        QVERIFY(answers.first().contains("\"err\":\"ERR_BAD_REQUEST\""));
        QVERIFY(raw.waitForClose());

        RawHttp noKey(m_server->port());
        noKey.send("GET /chat/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                   "Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        answers = noKey.responses();
        QCOMPARE(answers.size(), 1);
        QCOMPARE(statusLine(answers.first()), QByteArray("HTTP/1.1 400 Bad Request"));
    }

    void keepAliveAnswersPipelinedRequestsInOrder()
    {
        RawHttp raw(m_server->port());
        const QByteArray me = "GET /chat/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                              m_aliceToken + "\r\n\r\n";
        raw.send(me + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n" + me);
        const QByteArrayList answers = raw.responses(3);
        QCOMPARE(answers.size(), 3);
        QVERIFY(answers.at(0).startsWith("HTTP/1.1 200 "));
        QVERIFY(answers.at(1).startsWith("HTTP/1.1 404 "));
        QVERIFY(answers.at(2).startsWith("HTTP/1.1 200 "));
        QVERIFY(answers.at(0).contains("Connection: keep-alive"));
    }

    void expectContinueIsHonoured()
    {
        RawHttp raw(m_server->port());
        raw.send("POST /chat/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: "
                 "100-continue\r\n\r\n");
        QVERIFY(raw.responses().first().startsWith("HTTP/1.1 100 Continue"));
        raw.send("{}");
        QVERIFY(raw.responses().first().startsWith("HTTP/1.1 400 "));
    }

    void stalledRequestIsClosedAfterIdleTimeout()
    {
        RawHttp raw(m_server->port());
        raw.send("GET /healthz HTTP/1.1\r\nHost:");
        QVERIFY(raw.waitForClose());
    }

    // The idle timeout (500 ms here) counts from the last answer: a client that keeps asking
    // stays connected past it, and is dropped once it goes quiet.
    void idleTimeoutCountsFromTheLastAnswer()
    {
        RawHttp raw(m_server->port());
        for (int i = 0; i < 4; ++i) {
            raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(raw.responses().first().startsWith("HTTP/1.1 200 "));
            // The pause under test: each shorter than the timeout, together longer.
            QTest::qWait(200);
        }
        raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(raw.responses().first().startsWith("HTTP/1.1 200 "));
        QVERIFY(raw.waitForClose());
    }
};

HARAJCHAT_TEST_MAIN(HttpFramingTest)
#include "tst_http_framing.moc"
