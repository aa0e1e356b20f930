#include "gateway/WsFrames.h"

#include <QString>

namespace harajchat {

namespace {
// Control frames carry at most 125 bytes (RFC 6455 §5.5); a close frame spends 2 on the code.
constexpr qsizetype MaxCloseReasonBytes = 123;

bool isContinuationByte(char c)
{
    return (quint8(c) & 0xC0) == 0x80;
}
} // namespace

QByteArray encodeFrame(WsOpcode opcode, QByteArrayView payload)
{
    const qsizetype length = payload.size();
    QByteArray frame;
    frame.reserve(length + 10);
    frame.append(char(0x80 | quint8(opcode)));
    if (length < 126) {
        frame.append(char(length));
    } else if (length < 65536) {
        frame.append(char(126)).append(char(length >> 8)).append(char(length & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(length) >> shift) & 0xff));
    }
    frame.append(payload.data(), length);
    return frame;
}

QByteArray encodeCloseFrame(quint16 code, const QString &reason)
{
    QByteArray payload = reason.toUtf8();
    if (payload.size() > MaxCloseReasonBytes) {
        qsizetype cut = MaxCloseReasonBytes;
        while (cut > 0 && isContinuationByte(payload.at(cut)))
            --cut;
        payload.truncate(cut);
    }
    payload.prepend(char(code & 0xff)).prepend(char(code >> 8));
    return encodeFrame(WsOpcode::Close, payload);
}

const QByteArray &TextFrameCache::frameFor(const QByteArray &payload)
{
    if (payload.constData() == m_payload.constData() && payload.size() == m_payload.size() &&
        !m_frame.isEmpty())
        return m_frame;
    m_payload = payload;
    m_frame = encodeFrame(WsOpcode::Text, payload);
    return m_frame;
}

} // namespace harajchat
