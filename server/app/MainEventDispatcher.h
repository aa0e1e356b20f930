#pragma once

namespace harajchat {

// Installs the event dispatcher of the daemon's main thread, which holds every socket: epoll on
// Linux (gateway/EpollEventDispatcher.h), Qt's own elsewhere. Call before QCoreApplication exists;
// the integration tests call it too, so they run the daemon's loop.
void installMainEventDispatcher();

} // namespace harajchat
