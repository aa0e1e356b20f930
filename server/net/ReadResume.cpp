#include "net/ReadResume.h"

#include <QAbstractSocket>

namespace harajchat {

void resumeReading(QAbstractSocket *socket)
{
    // Setting the limit re-enables the read notifier when the buffer has room (Qt 6.4's
    // QAbstractSocket::setReadBufferSize); an unchanged limit returns early, hence the detour.
    const qint64 limit = socket->readBufferSize();
    if (limit == 0 || socket->bytesAvailable() >= limit)
        return;
    socket->setReadBufferSize(0);
    socket->setReadBufferSize(limit);
}

} // namespace harajchat
