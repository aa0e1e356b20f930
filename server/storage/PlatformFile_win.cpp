#include "storage/PlatformFile.h"

#include <io.h>
#include <windows.h>

namespace harajchat {

bool syncFileData(int fd)
{
    return ::_commit(fd) == 0; // FlushFileBuffers on the descriptor's handle
}

bool lockFileExclusively(int fd)
{
    const HANDLE handle = reinterpret_cast<HANDLE>(::_get_osfhandle(fd));
    OVERLAPPED from = {};
    return ::LockFileEx(handle, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0,
                        &from) != 0;
}

} // namespace harajchat
