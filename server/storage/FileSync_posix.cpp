#include "storage/FileSync.h"

#include <fcntl.h>
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

} // namespace harajchat
