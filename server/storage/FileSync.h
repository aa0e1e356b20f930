#pragma once

namespace harajchat {

// Waits until the file's written data is on stable storage (fdatasync, F_FULLFSYNC on macOS,
// FlushFileBuffers on Windows). `fd` is a C runtime descriptor, as QFile::handle() returns.
bool syncFileData(int fd);

} // namespace harajchat
