#pragma once

class QTcpSocket;

namespace harajchat {

// Ends a TCP connection so that the peer reads what it was sent last (an error answer, a close
// frame) instead of losing it to a reset: closing a socket that still holds unread input makes the
// kernel send RST, and the peer's kernel then drops what the peer had not read yet. So, from this
// call on, the socket's input is read and dropped (the owner's readyRead handlers are cut off);
// once the output has gone out the write side is shut down (the peer reads our FIN after our last
// bytes); the socket closes at the peer's end of input, or after a bound in bytes or time, and
// emits `disconnected` as for any close.
void closeLingering(QTcpSocket *socket);

} // namespace harajchat
