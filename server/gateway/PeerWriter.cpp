#include "gateway/PeerWriter.h"

#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/socket.h>
#endif

namespace harajchat {

void writeToPeer(QTcpSocket *socket, const QByteArray &bytes)
{
#ifdef Q_OS_LINUX
    if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState) {
        const ssize_t sent = ::send(int(socket->socketDescriptor()), bytes.constData(),
                                    size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == bytes.size())
            return;
        // Partly taken or would block: Qt queues the rest. A real error shows on Qt's next read.
        const qsizetype taken = sent > 0 ? qsizetype(sent) : 0;
        socket->write(bytes.constData() + taken, bytes.size() - taken);
        return;
    }
#endif
    socket->write(bytes);
}

const QByteArray &TextFrameCache::frameFor(const QByteArray &payload)
{
    if (payload.constData() == m_payload.constData() && payload.size() == m_payload.size() &&
        !m_frame.isEmpty())
        return m_frame;
    m_payload = payload;
    const qsizetype length = payload.size();
    m_frame.clear();
    m_frame.reserve(length + 10);
    m_frame.append(char(0x81)); // FIN + text
    if (length < 126) {
        m_frame.append(char(length));
    } else if (length < 65536) {
        m_frame.append(char(126)).append(char(length >> 8)).append(char(length & 0xff));
    } else {
        m_frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            m_frame.append(char((quint64(length) >> shift) & 0xff));
    }
    m_frame.append(payload);
    return m_frame;
}

} // namespace harajchat
