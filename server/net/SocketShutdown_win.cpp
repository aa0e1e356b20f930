#include "net/SocketShutdown.h"

#include <winsock2.h>

namespace harajchat {

void shutDownSending(qintptr socketDescriptor)
{
    ::shutdown(SOCKET(socketDescriptor), SD_SEND);
}

} // namespace harajchat
