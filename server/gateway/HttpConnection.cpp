#include "gateway/HttpConnection.h"

#include "app/Logging.h"
#include "gateway/WsHandshake.h"
#include "net/LingeringClose.h"
#include "net/PeerWriter.h"
#include "net/ReadResume.h"

namespace harajchat {

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, const Router &router,
                               UpgradeHandler upgrade, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_router(router)
    , m_upgrade(std::move(upgrade))
    , m_reader(limits)
{
    m_socket->setParent(this);
    // The kernel keeps what does not fit: a client cannot make us buffer more than one request.
    m_socket->setReadBufferSize(m_limits.maxHeaderBytes + m_limits.maxBodyBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::checkIdle);
    m_idleTimer.start(int(m_limits.idleTimeoutMs));
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

void HttpConnection::processInput()
{
    // One request at a time, and not while the client is behind on reading our answers.
    if (m_handlerRunning || m_closing || m_socket->bytesToWrite() > m_limits.maxBodyBytes)
        return;
    if (!readRequest())
        return;
    HttpRequest request = m_reader.takeRequest();
    if (request.path == QLatin1String(WebSocketPath) && handOverWebSocket(request))
        return;
    m_request = std::move(request);
    dispatch();
}

bool HttpConnection::readRequest()
{
    const bool bufferWasFull = m_socket->bytesAvailable() >= m_socket->readBufferSize();
    // Peek no more than the reader can use: a fixed 16 KiB buffer per request costs a large
    // allocation each time, and pipelined requests wait in Qt's buffer.
    while (m_reader.state() == HttpRequestReader::State::Reading &&
           m_socket->bytesAvailable() > 0) {
        const QByteArray input =
            m_socket->peek(qMin<qint64>(m_socket->bytesAvailable(), m_reader.wanted()));
        const qsizetype consumed = m_reader.read(input);
        m_socket->skip(consumed);
        if (consumed == 0)
            break;
    }
    if (bufferWasFull)
        resumeReading(m_socket);
    if (m_reader.takeContinueRequest())
        writeToPeer(m_socket, QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    if (m_reader.state() == HttpRequestReader::State::Refused) {
        respond(refusalResponse(m_reader.refusal()), true);
        return false;
    }
    return m_reader.state() == HttpRequestReader::State::Ready;
}

bool HttpConnection::handOverWebSocket(const HttpRequest &request)
{
    if (request.method != "GET" || !request.header("upgrade").toLower().contains("websocket"))
        return false; // answered by the router: 405 for other methods, 400 for a plain GET
    std::variant<QByteArray, HttpResponse> answer = answerWebSocketUpgrade(request);
    if (const auto *refusal = std::get_if<HttpResponse>(&answer)) {
        respond(*refusal, true);
        return true;
    }
    m_idleTimer.stop();
    m_socket->disconnect(this);
    m_socket->setParent(nullptr);
    writeToPeer(m_socket, std::get<QByteArray>(answer));
    m_upgrade(m_socket);
    m_closing = true;
    deleteLater();
    return true;
}

void HttpConnection::closeAfterAnswer()
{
    m_closeAfterAnswer = true;
    if (m_handlerRunning || m_closing)
        return;
    m_closing = true;
    closeLingering(m_socket);
}

void HttpConnection::dispatch()
{
    m_handlerRunning = true;
    QPointer<HttpConnection> self(this);
    m_router.dispatch(*m_request, [self](const HttpResponse &response) {
        if (self && self->m_handlerRunning)
            self->respond(response);
    });
}

// The timer is not restarted per request (a timer registration each time): answers only note
// the time, and when the timer fires it waits out whatever is left of the idle period.
void HttpConnection::checkIdle()
{
    using namespace std::chrono;
    const qint64 idleMs =
        m_handlerRunning ? 0
                         : duration_cast<milliseconds>(steady_clock::now() - m_idleSince).count();
    if (idleMs >= m_limits.idleTimeoutMs)
        m_socket->abort();
    else
        m_idleTimer.start(int(m_limits.idleTimeoutMs - idleMs));
}

void HttpConnection::respond(const HttpResponse &response, bool forceClose)
{
    const bool keepAlive =
        !forceClose && !m_closeAfterAnswer && m_request && !m_request->wantsClose();
    qCDebug(lcHttp) << (m_request ? m_request->method : QByteArray("-"))
                    << (m_request ? m_request->path : QString()) << response.status;
    const bool withBody = !m_request || m_request->method != "HEAD";
    writeToPeer(m_socket, response.serialize(keepAlive, withBody));
    m_request.reset();
    m_handlerRunning = false;
    // Idle from now; this also bounds how long a closing client may take to read the answer.
    m_idleSince = std::chrono::steady_clock::now();
    if (!keepAlive) {
        m_closing = true;
        closeLingering(m_socket); // the client reads the answer even with a body still arriving
        return;
    }
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

} // namespace harajchat
