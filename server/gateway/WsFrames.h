#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace harajchat {

// Frame opcodes of RFC 6455 §5.2.
enum class WsOpcode : quint8
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// Close codes the gateway sends (RFC 6455 §7.4.1, and the contract's own).
enum WsCloseCode : quint16
{
    CloseNormal = 1000,
    CloseGoingAway = 1001,
    CloseProtocolError = 1002,
    CloseNoStatus = 1005, // received without a code; never sent
    CloseInvalidPayload = 1007,
    ClosePolicyViolation = 1008,
    CloseTooBig = 1009,
    CloseUnauthorized = 4401,
};

// One unmasked server-to-client frame (FIN set) carrying the whole payload.
QByteArray encodeFrame(WsOpcode opcode, QByteArrayView payload);
// A close frame: the code, then the reason cut to what fits a control frame (whole characters).
QByteArray encodeCloseFrame(quint16 code, const QString &reason);

// A fan-out hands every socket the same QByteArray, so the frame of the last packet is kept and
// reused while the same data comes again: a packet is framed once, not once per socket.
class TextFrameCache
{
public:
    const QByteArray &frameFor(const QByteArray &payload);

private:
    QByteArray m_payload; // holds a reference: same data pointer means the very same bytes
    QByteArray m_frame;
};

} // namespace harajchat
