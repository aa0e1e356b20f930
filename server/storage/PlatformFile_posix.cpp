#include "storage/PlatformFile.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace harajchat {

bool syncFileData(int fd)
{
#ifdef __APPLE__
    // macOS's fsync leaves the data in the drive's cache; only F_FULLFSYNC flushes it.
    return ::fcntl(fd, F_FULLFSYNC) == 0;
#else
    return ::fdatasync(fd) == 0;
#endif
}

bool lockFileExclusively(int fd)
{
    // flock, not fcntl: its lock belongs to the open file, so a second open in the same process
    // conflicts too.
    return ::flock(fd, LOCK_EX | LOCK_NB) == 0;
}

} // namespace harajchat
