#pragma once

#include "app/MainEventDispatcher.h"

#include <QCoreApplication>
#include <QTest>

// QTEST_GUILESS_MAIN on the daemon's own event dispatcher (epoll on Linux), so the tests run the
// loop production runs.
#define HARAJCHAT_TEST_MAIN(TestObject)                                                            \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        harajchat::installMainEventDispatcher();                                                   \
        QCoreApplication app(argc, argv);                                                          \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
