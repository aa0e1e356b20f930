#pragma once

#include "gateway/HttpRequestReader.h"
#include "gateway/Router.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>
#include <functional>
#include <optional>

namespace harajchat {

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
    // True once a whole request is read; a refused one is answered.
    bool readRequest();
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
    HttpRequestReader m_reader;
    std::optional<HttpRequest> m_request; // handler running or answer being written
    bool m_handlerRunning = false;
    bool m_closing = false;
    bool m_closeAfterAnswer = false;
};

} // namespace harajchat
