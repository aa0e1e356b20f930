#pragma once

#include "gateway/HttpMessage.h"

#include <QByteArray>
#include <optional>

namespace harajchat {

// The server's side of the opening handshake (RFC 6455 §4.2). The 101 answer to a valid upgrade
// request (HTTP/1.1 GET with `Host`, `Upgrade: websocket`, `Connection: Upgrade`, version 13, a
// 16-byte key);
// nullopt when the request is not one. No extension or subprotocol is offered.
std::optional<QByteArray> webSocketUpgradeAnswer(const HttpRequest &request);

// The answer that refuses an upgrade request: the contract's 400, naming the version we speak.
HttpResponse webSocketUpgradeRefusal();

} // namespace harajchat
