#pragma once

#include "gateway/Router.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>
#include <functional>
#include <optional>

namespace harajchat {

struct HttpLimits
{
    qint64 maxHeaderBytes = 16 * 1024;
    qint64 maxBodyBytes = 64 * 1024;
    qint64 idleTimeoutMs = 60000;
};

// Called with a socket upgraded to a WebSocket by a `GET /chat/ws`: the 101 answer is written.
using UpgradeHandler = std::function<void(QTcpSocket *)>;

// One HTTP/1.1 client connection: requests answered one at a time, in order, with keep-alive.
// Input is bounded (head, body, read buffer) and a client that stalls is dropped after the idle
// timeout. A valid upgrade on the WebSocket path is answered 101 and the socket handed over.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *WebSocketPath = "/chat/ws";

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, const Router &router,
                   UpgradeHandler upgrade, QObject *parent);

    // For a shutdown: closes now when no request is being handled, else after its answer (which
    // says `Connection: close`).
    void closeAfterAnswer();

private:
    void processInput();
    bool readHead();
    // False when the request is no upgrade at all; the router answers it then.
    bool handOverWebSocket(const HttpRequest &request);
    void dispatch();
    void respond(const HttpResponse &response, bool forceClose = false);
    void checkIdle();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    const Router &m_router;
    UpgradeHandler m_upgrade;
    QTimer m_idleTimer;
    std::chrono::steady_clock::time_point m_idleSince = std::chrono::steady_clock::now();
    std::optional<HttpRequest> m_request; // head read, body pending or handler running
    qint64 m_bodyLength = 0;
    bool m_handlerRunning = false;
    bool m_closing = false;
    bool m_closeAfterAnswer = false;
};

} // namespace harajchat
