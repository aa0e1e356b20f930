#pragma once

#include <QtGlobal>

namespace harajchat {

// How nodes sharing one PostgreSQL database watch each other (docs/deployment.md).
struct ClusterSettings
{
    qint64 heartbeatIntervalMs = 2000;
    // A node that died is presumed dead within this time: its users go offline, its pushes are
    // taken over. At least three heartbeats.
    qint64 nodeTimeoutMs = 10000;
};

} // namespace harajchat
