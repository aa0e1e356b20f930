#include "app/MainEventDispatcher.h"
#include "net/EpollEventDispatcher.h"

#include <QCoreApplication>

namespace harajchat {

void installMainEventDispatcher()
{
    // With epoll a loop round costs what is ready, not what is open.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
}

std::unique_ptr<QAbstractEventDispatcher> newSocketEventDispatcher()
{
    return std::make_unique<EpollEventDispatcher>();
}

} // namespace harajchat
