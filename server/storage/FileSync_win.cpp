#include "storage/FileSync.h"

#include <io.h>

namespace harajchat {

bool syncFileData(int fd)
{
    return ::_commit(fd) == 0; // FlushFileBuffers on the descriptor's handle
}

} // namespace harajchat
