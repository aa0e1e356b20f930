#pragma once

#include <QAbstractEventDispatcher>
#include <memory>

namespace harajchat {

// Installs the event dispatcher of the daemon's main thread, which holds every socket: epoll on
// Linux (net/EpollEventDispatcher.h), Qt's own elsewhere. Call before QCoreApplication exists;
// the integration tests call it too, so they run the daemon's loop.
void installMainEventDispatcher();
// The same kind of dispatcher for another thread that holds many sockets (push); null where Qt's
// own serves.
std::unique_ptr<QAbstractEventDispatcher> newSocketEventDispatcher();

} // namespace harajchat
