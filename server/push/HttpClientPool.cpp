#include "push/HttpClientPool.h"

#include "app/Logging.h"
#include "net/PeerWriter.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <optional>

namespace harajchat {

struct HttpClientPool::Connection
{
    QTcpSocket *socket = nullptr; // a QSslSocket for https
    HttpResponseParser parser;
    std::optional<Exchange> exchange;
    bool ready = false;     // connected (and encrypted, for https)
    bool reused = false;    // carried a request before: a stale keep-alive may close under us
    qint64 deadlineMs = 0;  // set with each exchange, read only while there is one
    qint64 idleSinceMs = 0; // set whenever it turns idle and ready, read only then

    explicit Connection(qsizetype maxBodyBytes)
        : parser(maxBodyBytes)
    {}
};

HttpClientPool::HttpClientPool(const QUrl &origin, const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_origin(origin)
    , m_tls(origin.scheme() == QLatin1String("https"))
    , m_settings(settings)
{
    const int defaultPort = m_tls ? 443 : 80;
    m_hostHeader = origin.host(QUrl::FullyEncoded).toLatin1();
    if (origin.port(defaultPort) != defaultPort)
        m_hostHeader += ':' + QByteArray::number(origin.port());
    m_clock.start();
    m_sweepTimer.setInterval(int(qBound(qint64(100), m_settings.timeoutMs / 10, qint64(1000))));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpClientPool::sweep);
    m_sweepTimer.start();
}

HttpClientPool::~HttpClientPool()
{
    for (const auto &connection : m_connections) {
        connection->socket->disconnect(this);
        delete connection->socket;
    }
}

void HttpClientPool::post(Request request, Callback done)
{
    m_waiting.push_back({std::move(request), std::move(done), false});
    // Dispatched from the event loop, so a callback never runs inside the caller's call.
    if (m_waiting.size() == 1)
        QMetaObject::invokeMethod(this, &HttpClientPool::dispatch, Qt::QueuedConnection);
}

void HttpClientPool::dispatch()
{
    while (!m_waiting.empty()) {
        Connection *idle = nullptr;
        // The most recently used idle connection: the one least likely to have been closed.
        for (auto it = m_connections.rbegin(); it != m_connections.rend() && !idle; ++it) {
            if (!(*it)->exchange && (*it)->ready)
                idle = it->get();
        }
        if (!idle && int(m_connections.size()) < m_settings.maxConnections)
            idle = openConnection();
        if (!idle)
            return; // every connection busy: the rest wait for one to finish
        Exchange exchange = std::move(m_waiting.front());
        m_waiting.pop_front();
        start(*idle, std::move(exchange));
    }
}

HttpClientPool::Connection *HttpClientPool::openConnection()
{
    auto connection = std::make_unique<Connection>(m_settings.maxBodyBytes);
    Connection *raw = connection.get();
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    raw->socket = socket;
    const auto becameReady = [this, raw] {
        raw->ready = true;
        raw->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (raw->exchange) {
            writeRequest(*raw);
        } else {
            raw->idleSinceMs = m_clock.elapsed();
            dispatch();
        }
    };
    if (m_tls)
        connect(static_cast<QSslSocket *>(socket), &QSslSocket::encrypted, this, becameReady);
    else
        connect(socket, &QTcpSocket::connected, this, becameReady);
    connect(socket, &QTcpSocket::readyRead, this, [this, raw] { onReadable(*raw); });
    connect(socket, &QTcpSocket::disconnected, this, [this, raw] { onEnded(*raw); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, raw] { onEnded(*raw); });
    m_connections.push_back(std::move(connection));
    ++m_connectionsOpened;
    const quint16 port = quint16(m_origin.port(m_tls ? 443 : 80));
    if (m_tls)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(m_origin.host(), port);
    else
        socket->connectToHost(m_origin.host(), port);
    return raw;
}

void HttpClientPool::start(Connection &connection, Exchange exchange)
{
    connection.exchange = std::move(exchange);
    connection.deadlineMs = m_clock.elapsed() + m_settings.timeoutMs;
    connection.parser.reset();
    ++m_busy;
    if (connection.ready)
        writeRequest(connection);
}

void HttpClientPool::writeRequest(Connection &connection)
{
    const Request &request = connection.exchange->request;
    QByteArray out;
    out.reserve(160 + request.target.size() + request.authorization.size() + request.body.size());
    out += "POST " + request.target + " HTTP/1.1\r\nHost: " + m_hostHeader;
    if (!request.contentType.isEmpty())
        out += "\r\nContent-Type: " + request.contentType;
    if (!request.authorization.isEmpty())
        out += "\r\nAuthorization: " + request.authorization;
    out += "\r\nContent-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n";
    out += request.body;
    // Plain TCP goes to the kernel at once; TLS must pass through the socket's encryption.
    if (m_tls)
        connection.socket->write(out);
    else
        writeToPeer(connection.socket, out);
}

void HttpClientPool::onReadable(Connection &connection)
{
    const QByteArray bytes = connection.socket->readAll();
    if (!connection.exchange)
        return drop(connection); // nothing was asked: a server that talks unasked is not trusted
    switch (connection.parser.feed(bytes)) {
    case HttpResponseParser::State::Incomplete:
        return;
    case HttpResponseParser::State::Complete:
        return complete(connection, connection.parser.response(),
                        connection.parser.response().keepAlive);
    case HttpResponseParser::State::Failed:
        return complete(connection, connection.parser.response(), false);
    }
}

void HttpClientPool::onEnded(Connection &connection)
{
    if (!connection.exchange)
        return drop(connection);
    // A keep-alive connection the server closed just as a request went out: nothing of it was
    // answered, so it goes again once, on another connection.
    if (connection.reused && !connection.parser.started() && !connection.exchange->resent) {
        Exchange again = std::move(*connection.exchange);
        again.resent = true;
        connection.exchange.reset();
        --m_busy;
        drop(connection);
        m_waiting.push_front(std::move(again));
        dispatch();
        return;
    }
    if (connection.parser.finish() == HttpResponseParser::State::Complete)
        return complete(connection, connection.parser.response(), false);
    const QByteArray why = connection.parser.started() ? connection.parser.response().error
                                                       : connection.socket->errorString().toUtf8();
    complete(connection, failure(why), false);
}

// `response` is a copy: the connection's parser starts over if the next request goes out on it.
void HttpClientPool::complete(Connection &connection, HttpClientResponse response, bool reusable)
{
    Exchange exchange = std::move(*connection.exchange);
    connection.exchange.reset();
    --m_busy;
    if (reusable) {
        connection.reused = true;
        connection.idleSinceMs = m_clock.elapsed();
    } else {
        drop(connection);
    }
    dispatch();
    exchange.done(response);
}

void HttpClientPool::drop(Connection &connection)
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->get() != &connection)
            continue;
        std::unique_ptr<Connection> owned = std::move(*it);
        m_connections.erase(it);
        owned->socket->disconnect(this);
        owned->socket->abort();
        owned->socket->deleteLater();
        if (owned->exchange) {
            --m_busy;
            owned->exchange->done(failure("connection dropped"));
        }
        return;
    }
}

void HttpClientPool::sweep()
{
    const qint64 now = m_clock.elapsed();
    std::vector<Connection *> expired;
    for (const auto &connection : m_connections) {
        if (connection->exchange
                ? now >= connection->deadlineMs
                : connection->ready && now - connection->idleSinceMs >= m_settings.idleCloseMs)
            expired.push_back(connection.get());
    }
    for (Connection *connection : expired) {
        if (connection->exchange)
            complete(*connection, failure("timed out"), false);
        else
            drop(*connection);
    }
}

HttpClientResponse HttpClientPool::failure(const QByteArray &why)
{
    HttpClientResponse response;
    response.keepAlive = false;
    response.error = why;
    return response;
}

} // namespace harajchat
