#include "net/SocketShutdown.h"

#include <sys/socket.h>

namespace harajchat {

void shutDownSending(qintptr socketDescriptor)
{
    ::shutdown(int(socketDescriptor), SHUT_WR);
}

} // namespace harajchat
