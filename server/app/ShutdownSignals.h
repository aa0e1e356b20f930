#pragma once

#include <QObject>
#include <functional>

namespace harajchat {

// Calls `handler` on the main thread when the process is asked to stop: SIGINT/SIGTERM on POSIX,
// Ctrl+C / console close on Windows. One implementation file per platform.
void onShutdownRequest(QObject *context, std::function<void()> handler);

} // namespace harajchat
