#include "net/PeerWriter.h"

#include <QTcpSocket>

#ifdef HARAJCHAT_DIRECT_WRITES
#include <cerrno>
#include <sys/socket.h>
#endif

namespace harajchat {

void writeToPeer(QTcpSocket *socket, const QByteArray &bytes)
{
#ifdef HARAJCHAT_DIRECT_WRITES
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

} // namespace harajchat
