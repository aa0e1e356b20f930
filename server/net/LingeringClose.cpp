#include "net/LingeringClose.h"

#include "net/SocketShutdown.h"

#include <QTcpSocket>
#include <QTimer>

namespace harajchat {

namespace {
// Long enough for a client to read the answer or close frame and end its side; one that takes
// longer is cut (a reset, as without lingering).
constexpr int LingerMs = 2000;
// A client that keeps sending past this is not about to read anything.
constexpr qint64 MaxDrainBytes = 8 * 1024 * 1024;

class Linger : public QObject
{
public:
    explicit Linger(QTcpSocket *socket)
        : QObject(socket)
        , m_socket(socket)
    {
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        connect(socket, &QTcpSocket::readyRead, this, &Linger::drain);
        connect(socket, &QTcpSocket::bytesWritten, this, &Linger::shutDownWhenFlushed);
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, socket, &QTcpSocket::abort);
        m_deadline.start(LingerMs);
        shutDownWhenFlushed();
        drain();
    }

private:
    void drain()
    {
        char chunk[16 * 1024];
        qint64 read = 0;
        while ((read = m_socket->read(chunk, sizeof chunk)) > 0) {
            m_drained += read;
            if (m_drained > MaxDrainBytes) {
                m_socket->abort();
                return;
            }
        }
    }

    void shutDownWhenFlushed()
    {
        if (m_writesShutDown || m_socket->bytesToWrite() > 0 ||
            m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_writesShutDown = true;
        shutDownSending(m_socket->socketDescriptor());
    }

    QTcpSocket *m_socket;
    QTimer m_deadline;
    qint64 m_drained = 0;
    bool m_writesShutDown = false;
};
} // namespace

void closeLingering(QTcpSocket *socket)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        socket->abort(); // nothing left to read or say
    else
        new Linger(socket);
}

} // namespace harajchat
