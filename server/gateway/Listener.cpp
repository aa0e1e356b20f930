#include "gateway/Listener.h"

#include "app/Logging.h"

namespace harajchat {

namespace {
// Bursts of thousands of reconnecting clients (after a deploy, a network blip) must not overflow
// the accept queue: each overflow costs the client a 1 s SYN retransmit. The kernel caps it at
// net.core.somaxconn.
constexpr int ListenBacklog = 4096;
} // namespace

Listener::Listener(const HttpLimits &limits, const Router &router, UpgradeHandler upgrade,
                   QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_router(router)
    , m_upgrade(std::move(upgrade))
{
    setListenBacklogSize(ListenBacklog);
}

void Listener::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttp) << "cannot adopt connection:" << socket->errorString();
        delete socket;
        return;
    }
    // Small packets must not wait for Nagle's algorithm and delayed ACKs.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    new HttpConnection(socket, m_limits, m_router, m_upgrade, this);
}

} // namespace harajchat
