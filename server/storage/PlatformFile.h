#pragma once

namespace harajchat {

// File operations the message journal needs beyond QFile, per platform. `fd` is a C runtime
// descriptor, as QFile::handle() returns.

// Waits until the file's written data is on stable storage (fdatasync, F_FULLFSYNC on macOS,
// FlushFileBuffers on Windows).
bool syncFileData(int fd);

// Locks the open file for this process alone, without waiting: false when another holds it. The
// kernel drops the lock with the descriptor, so a process that died leaves nothing behind.
bool lockFileExclusively(int fd);

} // namespace harajchat
