#pragma once

class QAbstractSocket;

namespace harajchat {

// Qt stops reading a socket whose read buffer is full (QAbstractSocket::setReadBufferSize), and
// starts again only when read() empties the buffer, not after skip() or a read that leaves bytes
// in it. Call this after consuming input from a socket whose buffer was full: with room in the
// buffer, reading from the kernel resumes.
void resumeReading(QAbstractSocket *socket);

} // namespace harajchat
