#include "gateway/Listener.h"

#include "app/Logging.h"
#include "net/LingeringClose.h"
#include "net/PeerWriter.h"

#include <QPointer>
#include <QSocketNotifier>
#include <functional>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#endif

namespace harajchat {

namespace {
// Bursts of thousands of reconnecting clients (after a deploy, a network blip) must not overflow
// the accept queue: each overflow costs the client a 1 s SYN retransmit. The kernel caps it at
// net.core.somaxconn.
constexpr int ListenBacklog = 4096;
constexpr int FirstBackOffMs = 10;
constexpr int LongestBackOffMs = 1000;
// What a client over a connection cap is told to wait.
constexpr int RetryAfterSeconds = 5;

// 503 in the contract's envelope. The contract has no code of its own for it: ERR_RATE_LIMITED
// says the same (a configured limit; Retry-After tells when to try again).
QByteArray overCapAnswer()
{
    HttpResponse response = HttpResponse::error(protocol::ApiError::RateLimited, 503);
    response.headers.append({"Retry-After", QByteArray::number(RetryAfterSeconds)});
    return response.serialize(false);
}

class CallOnDestruction : public QObject
{
public:
    CallOnDestruction(QObject *parent, std::function<void()> call)
        : QObject(parent)
        , m_call(std::move(call))
    {}
    ~CallOnDestruction() override { m_call(); }

private:
    std::function<void()> m_call;
};

#ifdef Q_OS_UNIX
// accept(2) for a listening socket that is non-blocking; -1 with errno set when none is taken.
int acceptConnection(int listeningDescriptor)
{
#ifdef Q_OS_LINUX
    return ::accept4(listeningDescriptor, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
#else
    const int descriptor = ::accept(listeningDescriptor, nullptr, nullptr);
    if (descriptor >= 0)
        ::fcntl(descriptor, F_SETFD, FD_CLOEXEC);
    return descriptor;
#endif
}
#endif
} // namespace

Listener::Listener(const HttpLimits &limits, const ConnectionCaps &caps, const Router &router,
                   UpgradeHandler upgrade, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_caps(caps)
    , m_router(router)
    , m_upgrade(std::move(upgrade))
{
    setListenBacklogSize(ListenBacklog);
    m_backOffTimer.setSingleShot(true);
    connect(&m_backOffTimer, &QTimer::timeout, this, [this] { setAccepting(true); });
    qCInfo(lcHttp).noquote() << "connection caps:" << m_caps.total << "in all,"
                             << (m_caps.perAddress > 0 ? QString::number(m_caps.perAddress)
                                                       : QStringLiteral("no cap"))
                             << "per address";
}

Listener::~Listener()
{
    stopListening();
}

bool Listener::start(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
#ifdef Q_OS_UNIX
    // QTcpServer retries at once an accept that failed for want of descriptors: it would spin.
    pauseAccepting();
    m_acceptNotifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &Listener::acceptWaiting);
#else
    // Elsewhere QTcpServer pauses on such a failure itself and says so.
    connect(this, &QTcpServer::acceptError, this, [this] { backOff(errorString()); });
#endif
    return true;
}

void Listener::acceptWaiting()
{
#ifdef Q_OS_UNIX
    for (;;) {
        const int descriptor = acceptConnection(int(socketDescriptor()));
        if (descriptor >= 0) {
            incomingConnection(descriptor);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue; // a client that left the queue
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            backOff(QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
#endif
}

void Listener::setAccepting(bool enabled)
{
#ifdef Q_OS_UNIX
    if (m_acceptNotifier)
        m_acceptNotifier->setEnabled(enabled);
#else
    if (!isListening())
        return;
    if (enabled)
        resumeAccepting();
    else
        pauseAccepting();
#endif
}

// The connection that failed stays queued in the kernel; it is accepted once a retry succeeds.
void Listener::backOff(const QString &reason)
{
    setAccepting(false);
    ++m_failedAccepts;
    if (m_backOffMs == 0) {
        m_backOffMs = FirstBackOffMs;
        m_backOffSince.start();
        qCWarning(lcHttp).noquote()
            << QStringLiteral("cannot accept connections (%1): pausing accepting for %2 ms, "
                              "then twice as long after each failure, up to %3 ms")
                   .arg(reason)
                   .arg(m_backOffMs)
                   .arg(LongestBackOffMs);
    } else {
        m_backOffMs = qMin(2 * m_backOffMs, LongestBackOffMs);
    }
    m_backOffTimer.start(m_backOffMs);
}

void Listener::endBackOff()
{
    if (m_backOffMs == 0)
        return;
    qCWarning(lcHttp).noquote() << "accepting connections again after" << m_backOffSince.elapsed()
                                << "ms," << m_failedAccepts << "accept attempts failed";
    m_backOffMs = 0;
    m_failedAccepts = 0;
}

void Listener::incomingConnection(qintptr socketDescriptor)
{
    endBackOff();
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttp) << "cannot adopt connection:" << socket->errorString();
        delete socket;
        return;
    }
    // Small packets must not wait for Nagle's algorithm and delayed ACKs.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    const QHostAddress peer = socket->peerAddress();
    if (!admits(peer)) {
        refuse(socket);
        return;
    }
    if (m_refusedConnections > 0) {
        qCInfo(lcHttp) << "admitting connections again," << m_refusedConnections
                       << "refused over the caps";
        m_refusedConnections = 0;
    }
    countWhileAlive(socket, peer);
    auto *connection = new HttpConnection(socket, m_limits, m_router, m_upgrade, this);
    ++m_httpConnections;
    connect(connection, &QObject::destroyed, this, [this] {
        if (--m_httpConnections == 0 && m_shuttingDown)
            emit httpDrained();
    });
}

bool Listener::admits(const QHostAddress &peer) const
{
    return m_connections < m_caps.total &&
           (m_caps.perAddress == 0 || m_connectionsByAddress.value(peer) < m_caps.perAddress);
}

// The socket lives exactly as long as the connection, whoever holds it: HttpConnection, then
// the WebSocket gateway once upgraded. A child object says when it goes (owners cut the socket's
// signals before deleting it).
void Listener::countWhileAlive(QTcpSocket *socket, const QHostAddress &peer)
{
    ++m_connections;
    ++m_connectionsByAddress[peer];
    new CallOnDestruction(socket, [listener = QPointer<Listener>(this), peer] {
        if (!listener)
            return;
        --listener->m_connections;
        auto count = listener->m_connectionsByAddress.find(peer);
        if (--*count == 0)
            listener->m_connectionsByAddress.erase(count);
    });
}

void Listener::refuse(QTcpSocket *socket)
{
    if (m_refusedConnections++ == 0)
        qCWarning(lcHttp) << "refusing connections with 503:" << m_connections << "open, caps"
                          << m_caps.total << "in all," << m_caps.perAddress << "per address";
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    writeToPeer(socket, overCapAnswer());
    closeLingering(socket);
}

void Listener::shutDown()
{
    m_shuttingDown = true;
    stopListening();
    if (m_httpConnections == 0) {
        emit httpDrained();
        return;
    }
    for (HttpConnection *connection : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        connection->closeAfterAnswer();
}

void Listener::stopListening()
{
    delete m_acceptNotifier; // before its descriptor closes
    m_acceptNotifier = nullptr;
    m_backOffTimer.stop();
    close();
}

} // namespace harajchat
