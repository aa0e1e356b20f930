#include "RawHttp.h"

#include <QHostAddress>
#include <QSignalSpy>

namespace harajchat::test {

namespace {
constexpr int WaitMs = 5000;
} // namespace

RawHttp::RawHttp(quint16 port)
{
    QSignalSpy connected(&m_socket, &QTcpSocket::connected);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    connected.wait(WaitMs);
}

void RawHttp::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

bool RawHttp::waitForMore()
{
    QSignalSpy readyRead(&m_socket, &QTcpSocket::readyRead);
    if (m_socket.bytesAvailable() == 0 &&
        (m_socket.state() != QAbstractSocket::ConnectedState || !readyRead.wait(WaitMs)))
        return false;
    m_buffer += m_socket.readAll();
    return true;
}

QByteArrayList RawHttp::responses(int count)
{
    QByteArrayList complete;
    m_buffer += m_socket.readAll();
    qsizetype at = 0; // what is taken is dropped once, at the end: many answers may be waiting
    while (complete.size() < count) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n", at);
        if (headEnd >= 0) {
            const QByteArray head = m_buffer.sliced(at, headEnd - at);
            const qsizetype lengthAt = head.indexOf("Content-Length: ");
            const int length =
                lengthAt < 0 ? 0 : head.mid(lengthAt + 16).split('\r').first().toInt();
            if (m_buffer.size() >= headEnd + 4 + length) {
                complete.append(m_buffer.sliced(at, headEnd + 4 + length - at));
                at = headEnd + 4 + length;
                continue;
            }
        }
        if (!waitForMore())
            break;
    }
    m_buffer.remove(0, at);
    return complete;
}

QByteArray RawHttp::head()
{
    m_buffer += m_socket.readAll();
    qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    while (headEnd < 0 && waitForMore())
        headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return {};
    const QByteArray head = m_buffer.left(headEnd + 4);
    m_buffer.remove(0, headEnd + 4);
    return head;
}

bool RawHttp::waitForClose()
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return true;
    QSignalSpy disconnected(&m_socket, &QTcpSocket::disconnected);
    return disconnected.wait(WaitMs);
}

} // namespace harajchat::test
