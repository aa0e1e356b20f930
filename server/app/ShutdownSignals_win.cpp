#include "app/ShutdownSignals.h"

#include <QPointer>
#include <windows.h>

namespace harajchat {

namespace {
QPointer<QObject> shutdownContext;
std::function<void()> shutdownHandler;

BOOL WINAPI consoleEvent(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT)
        return FALSE;
    QMetaObject::invokeMethod(shutdownContext, shutdownHandler, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

void onShutdownRequest(QObject *context, std::function<void()> handler)
{
    shutdownContext = context;
    shutdownHandler = std::move(handler);
    SetConsoleCtrlHandler(consoleEvent, TRUE);
}

} // namespace harajchat
