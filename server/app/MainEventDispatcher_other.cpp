#include "app/MainEventDispatcher.h"

namespace harajchat {

void installMainEventDispatcher()
{
    // Qt's dispatcher (Cocoa/CFRunLoop or poll on macOS, the Windows message loop) serves here.
}

std::unique_ptr<QAbstractEventDispatcher> newSocketEventDispatcher()
{
    return nullptr;
}

} // namespace harajchat
