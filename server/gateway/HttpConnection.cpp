#include "gateway/HttpConnection.h"

#include "app/Logging.h"
#include "gateway/WsHandshake.h"
#include "net/LingeringClose.h"
#include "net/PeerWriter.h"

namespace harajchat {

using protocol::ApiError;

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, const Router &router,
                               UpgradeHandler upgrade, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_router(router)
    , m_upgrade(std::move(upgrade))
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
    if (!m_request && !readHead())
        return;
    if (m_socket->bytesAvailable() < m_bodyLength)
        return;
    // Copied out: read(qint64) would take the socket's whole 16 KiB read chunk when the body
    // fills it, and the socket would allocate a new one for the next request.
    m_request->body.resize(m_bodyLength);
    m_socket->read(m_request->body.data(), m_bodyLength);
    dispatch();
}

// Returns true once a complete, acceptable head of a plain HTTP request has been consumed.
bool HttpConnection::readHead()
{
    // Peek what is there (at most a head's worth): a fixed 16 KiB buffer per request costs a large
    // allocation each time.
    const QByteArray peeked =
        m_socket->peek(qMin(m_socket->bytesAvailable(), m_limits.maxHeaderBytes + 4));
    const qsizetype end = peeked.indexOf("\r\n\r\n");
    if (end < 0) {
        if (peeked.size() >= m_limits.maxHeaderBytes)
            respond(HttpResponse::error(ApiError::PayloadTooLarge), true);
        return false;
    }
    std::optional<HttpRequest> request = parseRequestHead(QByteArrayView(peeked).first(end));
    if (!request) {
        respond(HttpResponse::error(ApiError::BadRequest), true);
        return false;
    }
    m_socket->skip(end + 4);
    if (request->path == QLatin1String(WebSocketPath) && handOverWebSocket(*request))
        return false;

    if (request->hasHeader("transfer-encoding")) {
        respond(HttpResponse::error(ApiError::BadRequest), true); // only Content-Length bodies
        return false;
    }
    bool lengthOk = true;
    const QByteArray lengthHeader = request->header("content-length");
    m_bodyLength = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&lengthOk);
    if (!lengthOk || m_bodyLength < 0) {
        respond(HttpResponse::error(ApiError::BadRequest), true);
        return false;
    }
    if (m_bodyLength > m_limits.maxBodyBytes) {
        respond(HttpResponse::error(ApiError::PayloadTooLarge), true);
        return false;
    }
    if (m_bodyLength > 0 && request->header("expect").toLower() == "100-continue")
        writeToPeer(m_socket, QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    m_request = std::move(request);
    return true;
}

bool HttpConnection::handOverWebSocket(const HttpRequest &request)
{
    if (request.method != "GET" || !request.header("upgrade").toLower().contains("websocket"))
        return false; // answered by the router: 405 for other methods, 400 for a plain GET
    const std::optional<QByteArray> answer = webSocketUpgradeAnswer(request);
    if (!answer) {
        respond(webSocketUpgradeRefusal(), true);
        return true;
    }
    m_idleTimer.stop();
    m_socket->disconnect(this);
    m_socket->setParent(nullptr);
    writeToPeer(m_socket, *answer);
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
    writeToPeer(m_socket, response.serialize(keepAlive));
    m_request.reset();
    m_bodyLength = 0;
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
