#include "app/MainEventDispatcher.h"
#include "gateway/EpollEventDispatcher.h"

#include <QCoreApplication>

namespace harajchat {

void installMainEventDispatcher()
{
    // With epoll a loop round costs what is ready, not what is open.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
}

} // namespace harajchat
