#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace harajchat {

// One client frame of /chat/ws, validated (docs/protocol.md "Socket commands"; the customer's
// semantics.md).
struct WsCommand
{
    enum Kind
    {
        Invalid,
        Auth,
        Listen,
        Unlisten
    } kind = Invalid;          // Invalid: answer 400
    std::optional<QString> id; // echoed in the answer, also for Invalid when it could be read
    QByteArray accessToken;    // Auth
    qint64 peerId = 0;         // Listen, Unlisten
};

WsCommand parseWsCommand(const QByteArray &frame);

} // namespace harajchat
