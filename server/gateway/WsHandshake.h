#pragma once

#include "gateway/HttpMessage.h"

#include <QByteArray>
#include <variant>

namespace harajchat {

// The server's side of the opening handshake (RFC 6455 §4.2): the 101 answer to a valid upgrade
// request (HTTP/1.1 GET with `Host`, `Upgrade: websocket`, `Connection: Upgrade`, version 13, a
// 16-byte key), or the answer refusing it: 426 for another version, 400 otherwise, both naming the
// version spoken here. No extension or subprotocol is offered.
std::variant<QByteArray, HttpResponse> answerWebSocketUpgrade(const HttpRequest &request);

} // namespace harajchat
