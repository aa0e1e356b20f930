#include "gateway/WsFrameReader.h"

#include "gateway/WsFrames.h"

namespace harajchat {

namespace {
constexpr quint8 FinBit = 0x80;
constexpr quint8 ReservedBits = 0x70;
constexpr quint8 OpcodeBits = 0x0F;
constexpr quint8 MaskBit = 0x80;
constexpr quint8 ControlOpcodeBit = 0x08;
constexpr qsizetype MaxControlPayload = 125;
constexpr qsizetype MaskKeyBytes = 4;

bool isKnownOpcode(quint8 opcode)
{
    switch (WsOpcode(opcode)) {
    case WsOpcode::Continuation:
    case WsOpcode::Text:
    case WsOpcode::Binary:
    case WsOpcode::Close:
    case WsOpcode::Ping:
    case WsOpcode::Pong:
        return true;
    }
    return false;
}

// Codes a peer may put in a close frame (RFC 6455 §7.4): the defined ones it may send, and the
// ranges for libraries and applications.
bool isValidPeerCloseCode(quint16 code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
}

quint8 byteAt(QByteArrayView data, qsizetype index)
{
    return quint8(data[index]);
}

quint64 bigEndianAt(QByteArrayView data, qsizetype index, int bytes)
{
    quint64 value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | byteAt(data, index + i);
    return value;
}

QByteArray unmasked(QByteArrayView masked, const char *key)
{
    QByteArray payload(masked.size(), Qt::Uninitialized);
    char *out = payload.data();
    for (qsizetype i = 0; i < masked.size(); ++i)
        out[i] = char(masked[i] ^ key[i % MaskKeyBytes]);
    return payload;
}
} // namespace

WsFrameReader::WsFrameReader(qint64 maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{}

void WsFrameReader::feed(QByteArrayView bytes, const Deliver &deliver)
{
    if (m_stopped || bytes.isEmpty())
        return;
    if (m_pending.isEmpty()) {
        // The common case: whole frames, parsed where they lie.
        const qsizetype consumed = parseFrames(bytes, deliver);
        if (!m_stopped && consumed < bytes.size())
            m_pending = bytes.sliced(consumed).toByteArray();
        return;
    }
    m_pending.append(bytes.data(), bytes.size());
    const qsizetype consumed = parseFrames(m_pending, deliver);
    // A fresh array for the rest, so an idle connection does not keep a large one.
    if (m_stopped || consumed == m_pending.size())
        m_pending = QByteArray();
    else if (consumed > 0)
        m_pending = m_pending.sliced(consumed);
}

qsizetype WsFrameReader::parseFrames(QByteArrayView data, const Deliver &deliver)
{
    qsizetype position = 0;
    while (!m_stopped) {
        const QByteArrayView frame = data.sliced(position);
        if (frame.size() < 2)
            break;
        const quint8 first = byteAt(frame, 0);
        const quint8 second = byteAt(frame, 1);
        const quint8 opcode = first & OpcodeBits;
        const bool fin = first & FinBit;
        const bool control = opcode & ControlOpcodeBit;
        const quint8 shortLength = second & 0x7F;
        // No extension is negotiated, clients must mask, and control frames are short and whole.
        if ((first & ReservedBits) || !isKnownOpcode(opcode) || !(second & MaskBit) ||
            (control && (!fin || shortLength > MaxControlPayload)))
            return failAt(position, CloseProtocolError, deliver);
        // A continuation needs an open message; a new message needs none open.
        if (!control && (opcode == quint8(WsOpcode::Continuation)) == (m_messageOpcode == 0))
            return failAt(position, CloseProtocolError, deliver);

        const int extendedBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
        const qsizetype headerBytes = 2 + extendedBytes + MaskKeyBytes;
        if (frame.size() < headerBytes)
            break;
        const quint64 length =
            extendedBytes ? bigEndianAt(frame, 2, extendedBytes) : quint64(shortLength);
        if (length >> 63)
            return failAt(position, CloseProtocolError, deliver);
        // Refused as soon as the header says so: a large frame is never buffered.
        if (!control && quint64(m_message.size()) + length > quint64(m_maxMessageBytes))
            return failAt(position, CloseTooBig, deliver);
        if (quint64(frame.size() - headerBytes) < length)
            break;

        const char *key = frame.data() + headerBytes - MaskKeyBytes;
        QByteArray payload = unmasked(frame.sliced(headerBytes, qsizetype(length)), key);
        position += headerBytes + qsizetype(length);
        if (!handleFrame(opcode, fin, std::move(payload), deliver))
            m_stopped = true;
    }
    return position;
}

bool WsFrameReader::handleFrame(quint8 opcode, bool fin, QByteArray &&payload,
                                const Deliver &deliver)
{
    switch (WsOpcode(opcode)) {
    case WsOpcode::Ping:
        return deliver({WsInput::Ping, std::move(payload)});
    case WsOpcode::Pong:
        return deliver({WsInput::Pong, std::move(payload)});
    case WsOpcode::Close:
        return handleClose(payload, deliver);
    case WsOpcode::Text:
    case WsOpcode::Binary:
        m_messageOpcode = opcode;
        break;
    case WsOpcode::Continuation:
        break;
    }
    if (m_message.isEmpty() && fin) {
        m_message = std::move(payload); // a whole message in one frame: no copy
    } else {
        m_message.append(payload);
    }
    if (!fin)
        return true;
    const bool text = m_messageOpcode == quint8(WsOpcode::Text);
    QByteArray message = std::move(m_message);
    m_message = QByteArray();
    m_messageOpcode = 0;
    if (text && !isValidUtf8(message))
        return fail(CloseInvalidPayload, deliver);
    return deliver({text ? WsInput::Text : WsInput::Binary, std::move(message)});
}

bool WsFrameReader::handleClose(const QByteArray &payload, const Deliver &deliver)
{
    if (payload.size() == 1)
        return fail(CloseProtocolError, deliver);
    const quint16 code =
        payload.isEmpty() ? quint16(CloseNoStatus) : quint16(bigEndianAt(payload, 0, 2));
    if (!payload.isEmpty() && !isValidPeerCloseCode(code))
        return fail(CloseProtocolError, deliver);
    QByteArray reason = payload.isEmpty() ? QByteArray() : payload.sliced(2);
    if (!isValidUtf8(reason))
        return fail(CloseInvalidPayload, deliver);
    deliver({WsInput::Close, std::move(reason), code});
    return false; // nothing after a close frame counts
}

qsizetype WsFrameReader::failAt(qsizetype position, quint16 closeCode, const Deliver &deliver)
{
    fail(closeCode, deliver);
    return position;
}

bool WsFrameReader::fail(quint16 closeCode, const Deliver &deliver)
{
    m_stopped = true;
    m_pending = QByteArray();
    m_message = QByteArray();
    deliver({WsInput::Failure, {}, closeCode});
    return false;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const quint8 *const end = p + bytes.size();
    while (p < end) {
        const quint8 lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int continuation;
        quint8 low = 0x80;  // bounds of the byte after the lead: they rule out overlong
        quint8 high = 0xBF; // forms, surrogates and code points over U+10FFFF
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (end - p <= continuation || p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= continuation; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += continuation + 1;
    }
    return true;
}

} // namespace harajchat
