#pragma once

#include "gateway/HttpConnection.h"

#include <QTcpServer>

namespace harajchat {

// The daemon's one TCP port: HTTP API and the WebSocket upgrade on /chat/ws.
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    Listener(const HttpLimits &limits, const Router &router, UpgradeHandler upgrade,
             QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    const Router &m_router;
    UpgradeHandler m_upgrade;
};

} // namespace harajchat
