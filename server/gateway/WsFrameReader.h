#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <functional>

namespace harajchat {

// One complete thing a client sent over the socket.
struct WsInput
{
    enum Kind
    {
        Text,
        Binary,
        Ping,
        Pong,
        Close,
        Failure, // the client broke the protocol; closeCode says how to answer
    };
    Kind kind;
    QByteArray payload;    // the message, a ping's or pong's payload, or a close frame's reason
    quint16 closeCode = 0; // Close: the client's code (1005 when it sent none); Failure: ours
};

// Parses client-to-server frames (RFC 6455 §5) as bytes arrive: unmasks them, reassembles
// fragmented messages, passes control frames on between fragments, checks text is UTF-8, and
// stops at the first violation with the close code that answers it. It holds at most one
// incomplete frame and one incomplete message, each within the message limit, so what a client
// sends cannot make it grow.
class WsFrameReader
{
public:
    // Returns false to stop reading (the connection is closing).
    using Deliver = std::function<bool(WsInput &&)>;

    explicit WsFrameReader(qint64 maxMessageBytes);

    // Delivers each input the bytes complete, in order. Once stopped (a close frame, a failure,
    // or `deliver` returned false) it ignores everything.
    void feed(QByteArrayView bytes, const Deliver &deliver);
    bool stopped() const { return m_stopped; }

private:
    // Parses the complete frames at the start of `data`; returns the bytes consumed.
    qsizetype parseFrames(QByteArrayView data, const Deliver &deliver);
    // Handles one complete, unmasked frame; false once reading must stop.
    bool handleFrame(quint8 opcode, bool fin, QByteArray &&payload, const Deliver &deliver);
    bool handleClose(const QByteArray &payload, const Deliver &deliver);
    // Stops reading and delivers the failure; returns false, or `position` for parseFrames.
    bool fail(quint16 closeCode, const Deliver &deliver);
    qsizetype failAt(qsizetype position, quint16 closeCode, const Deliver &deliver);

    const qint64 m_maxMessageBytes;
    QByteArray m_pending;       // the start of a frame whose end has not arrived
    QByteArray m_message;       // fragments of a message whose last frame has not arrived
    quint8 m_messageOpcode = 0; // Text or Binary while a fragmented message is open
    bool m_stopped = false;
};

// True when the bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates).
bool isValidUtf8(QByteArrayView bytes);

} // namespace harajchat
