#include "RawWsClient.h"

#include <QSignalSpy>
#include <QtEndian>

namespace harajchat::test {

namespace {
// The server runs in this thread: wait through the event loop, never with blocking socket calls.
bool waitForInput(QTcpSocket &socket, int timeoutMs)
{
    QSignalSpy readyRead(&socket, &QTcpSocket::readyRead);
    return readyRead.wait(timeoutMs);
}
} // namespace

bool RawWsClient::open(const QUrl &url, int receiveBuffer)
{
    if (receiveBuffer > 0) {
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBuffer);
        m_socket.setReadBufferSize(receiveBuffer);
    }
    QSignalSpy connected(&m_socket, &QTcpSocket::connected);
    m_socket.connectToHost(url.host(), quint16(url.port()));
    if (!connected.wait(5000))
        return false;
    m_socket.write("GET " + url.path().toLatin1() + " HTTP/1.1\r\n" +
                   "Host: " + url.host().toLatin1() +
                   "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n");
    while (!m_buffer.contains("\r\n\r\n")) {
        if (!m_socket.bytesAvailable() && !waitForInput(m_socket, 5000))
            return false;
        m_buffer += m_socket.read(1); // never read past the handshake answer
    }
    const bool upgraded = m_buffer.startsWith("HTTP/1.1 101");
    m_buffer.clear();
    return upgraded;
}

void RawWsClient::sendFrame(quint8 opcode, const QByteArray &payload, bool fin)
{
    sendBytes(clientFrame(quint8((fin ? 0x80 : 0) | opcode), payload));
}

QByteArray RawWsClient::clientFrame(quint8 first, const QByteArray &payload, bool masked)
{
    QByteArray frame(1, char(first));
    const quint8 maskBit = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        frame.append(char(maskBit | payload.size()));
    } else if (payload.size() < 65536) {
        frame.append(char(maskBit | 126));
        frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xff));
    } else {
        frame.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xff));
    }
    if (!masked)
        return frame + payload;
    const QByteArray mask("\x01\x02\x03\x04", 4);
    frame.append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

void RawWsClient::sendBytes(const QByteArray &raw)
{
    m_socket.write(raw);
    m_socket.flush();
}

void RawWsClient::parseFrames()
{
    // Server frames are unmasked: 2 header bytes, optional 2 or 8 length bytes, payload.
    while (m_buffer.size() >= 2) {
        const quint8 opcode = quint8(m_buffer[0]) & 0x0f;
        quint64 length = quint8(m_buffer[1]) & 0x7f;
        int header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = qFromBigEndian<quint16>(m_buffer.constData() + 2);
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = qFromBigEndian<quint64>(m_buffer.constData() + 2);
            header = 10;
        }
        if (quint64(m_buffer.size()) < header + length)
            return;
        const QByteArray payload = m_buffer.mid(header, qsizetype(length));
        m_buffer.remove(0, header + qsizetype(length));
        if (opcode == 0x1)
            m_texts.append(payload);
        else if (opcode == 0xA)
            m_pongs.append(payload);
        else if (opcode == 0x8 && ++m_closeFrames && payload.size() >= 2)
            m_closeCode = qFromBigEndian<quint16>(payload.constData());
        // pings are ignored on purpose
    }
}

QByteArray RawWsClient::next(QByteArrayList &received, int timeoutMs)
{
    for (;;) {
        parseFrames();
        if (!received.isEmpty())
            return received.takeFirst();
        if (!m_socket.bytesAvailable() && !waitForInput(m_socket, timeoutMs))
            return {};
        m_buffer += m_socket.readAll();
    }
}

bool RawWsClient::waitForDisconnect(int timeoutMs)
{
    bool gone = m_socket.state() == QAbstractSocket::UnconnectedState;
    if (!gone) {
        QSignalSpy disconnected(&m_socket, &QTcpSocket::disconnected);
        // Reading drains what the server sent before it closed.
        const QMetaObject::Connection reading = QObject::connect(
            &m_socket, &QTcpSocket::readyRead, &m_socket, [this] { readAvailable(); });
        gone = disconnected.wait(timeoutMs);
        QObject::disconnect(reading);
    }
    readAvailable();
    return gone;
}

void RawWsClient::readAvailable()
{
    if (m_socket.isOpen())
        m_buffer += m_socket.readAll();
    parseFrames();
}

} // namespace harajchat::test
