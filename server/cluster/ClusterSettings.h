#pragma once

#include <QtGlobal>

namespace harajchat {

// How nodes sharing one PostgreSQL database watch each other (docs/deployment.md).
struct ClusterSettings
{
    qint64 heartbeatIntervalMs = 2000;
    // A node silent this long is presumed dead: its users go offline, its pushes are taken over.
    qint64 nodeTimeoutMs = 10000;
};

} // namespace harajchat
