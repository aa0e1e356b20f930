#include "gateway/WsConnection.h"

#include "gateway/WsFrames.h"
#include "net/LingeringClose.h"
#include "net/PeerWriter.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace harajchat {

namespace {
// Read in pieces of this size; frames are parsed straight from it.
constexpr qint64 ReadChunkBytes = 16 * 1024;
} // namespace

WsConnection::WsConnection(QTcpSocket *socket, qint64 maxMessageBytes, qint64 maxUnsentBytes,
                           Handler &handler)
    : m_socket(socket)
    , m_maxUnsentBytes(maxUnsentBytes)
    , m_handler(handler)
    , m_reader(maxMessageBytes)
{
    // readInput empties Qt's buffer at every notification; the bound only matters once reading
    // has stopped (closing), so that Qt then keeps little and the kernel the rest.
    m_socket->setReadBufferSize(maxMessageBytes + ReadChunkBytes);
    QObject::connect(m_socket, &QTcpSocket::readyRead, m_socket, [this] { readInput(); });
    QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] { end(); });
    // A connection already gone will never say so: it ends once the caller has wired it up.
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        QMetaObject::invokeMethod(
            m_socket, [this] { end(); }, Qt::QueuedConnection);
    else if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(
            m_socket, [this] { readInput(); }, Qt::QueuedConnection);
}

WsConnection::~WsConnection()
{
    m_socket->disconnect();
    delete m_socket;
}

void WsConnection::send(const QByteArray &frame)
{
    if (m_state != State::Open)
        return;
    writeToPeer(m_socket, frame);
    if (m_socket->bytesToWrite() > m_maxUnsentBytes)
        m_handler.onBacklogged();
}

void WsConnection::ping()
{
    static const QByteArray PingFrame = encodeFrame(WsOpcode::Ping, {});
    send(PingFrame);
}

void WsConnection::close(quint16 code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    writeToPeer(m_socket, encodeCloseFrame(code, reason));
    m_state = State::Closing;
}

void WsConnection::abort()
{
    if (m_state != State::Ended)
        m_state = State::Closed;
    m_socket->abort();
}

void WsConnection::end()
{
    if (m_state == State::Ended)
        return;
    m_state = State::Ended;
    m_handler.onEnded();
}

QString WsConnection::peerAddress() const
{
    return m_socket->peerAddress().toString() + QLatin1Char(':') +
           QString::number(m_socket->peerPort());
}

void WsConnection::readInput()
{
    const WsFrameReader::Deliver deliverInput = [this](WsInput &&input) {
        return deliver(std::move(input));
    };
    char chunk[ReadChunkBytes];
    // A handler may have aborted the connection while the last chunk was delivered; once closed,
    // the lingering close reads what the client still sends.
    while (m_socket->isOpen() && (m_state == State::Open || m_state == State::Closing)) {
        const qint64 read = m_socket->read(chunk, ReadChunkBytes);
        if (read <= 0)
            return;
        m_reader.feed(QByteArrayView(chunk, read), deliverInput);
    }
}

bool WsConnection::deliver(WsInput &&input)
{
    if (m_state == State::Closed || m_state == State::Ended)
        return false;
    const bool open = m_state == State::Open;
    m_handler.onHeard();
    switch (input.kind) {
    case WsInput::Text:
        if (open)
            m_handler.onText(std::move(input.payload));
        return true;
    case WsInput::Binary:
        if (open)
            m_handler.onBinary();
        return true;
    case WsInput::Ping:
        send(encodeFrame(WsOpcode::Pong, input.payload));
        return true;
    case WsInput::Pong:
        return true;
    case WsInput::Close:
        // Echo the client's code (RFC 6455 §5.5.1), or an empty close frame to one without.
        closeAfterPeer(input.closeCode == CloseNoStatus
                           ? encodeFrame(WsOpcode::Close, {})
                           : encodeCloseFrame(input.closeCode, QString()));
        return false;
    case WsInput::Failure:
        closeAfterPeer(encodeCloseFrame(input.closeCode, QString()));
        return false;
    }
    return false;
}

void WsConnection::closeAfterPeer(const QByteArray &closeFrame)
{
    const bool wasOpen = m_state == State::Open;
    m_state = State::Closed;
    if (wasOpen) {
        writeToPeer(m_socket, closeFrame);
        m_handler.onClosing();
    }
    // The server ends the TCP connection (RFC 6455 §7.1.1), once what is queued has gone out and
    // without a reset, so that the client reads the close frame even while it is still sending.
    closeLingering(m_socket);
}

} // namespace harajchat
