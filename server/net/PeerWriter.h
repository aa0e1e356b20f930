#pragma once

#include <QByteArray>

class QTcpSocket;

namespace harajchat {

// Writes to a connected socket at once when Qt holds nothing queued for it: the bytes reach the
// kernel in this event-loop round instead of the next, and the write notifier is not switched on
// and off for every packet (each switch walks every registered socket with the glib dispatcher).
// What the kernel does not take goes through Qt's buffer, so the order of bytes is kept. Linux
// only (HARAJCHAT_EPOLL_DISPATCHER); elsewhere it is QTcpSocket::write.
void writeToPeer(QTcpSocket *socket, const QByteArray &bytes);

} // namespace harajchat
