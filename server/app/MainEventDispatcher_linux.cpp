#include "app/MainEventDispatcher.h"
#include "net/EpollEventDispatcher.h"

#include <QCoreApplication>

namespace harajchat {

void installMainEventDispatcher()
{
    // With epoll a loop round costs what is ready, not what is open.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
}

QAbstractEventDispatcher *newSocketEventDispatcher()
{
    return new EpollEventDispatcher;
}

} // namespace harajchat
