#pragma once

#include <QtGlobal>
#include <optional>

namespace harajchat {

// The limit of open descriptors (sockets and files) of this process. One implementation file per
// platform: POSIX has RLIMIT_NOFILE, other platforms have no such limit worth raising.

// Raises the soft limit to the hard limit and logs both: every connection holds a descriptor, and
// the usual soft default (1024) is far below what a chat node holds.
void raiseOpenFileLimit();

// The soft limit in force, or nullopt where there is none.
std::optional<qint64> openFileLimit();

} // namespace harajchat
