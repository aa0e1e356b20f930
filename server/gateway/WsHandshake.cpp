#include "gateway/WsHandshake.h"

#include <QCryptographicHash>

namespace harajchat {

namespace {
const QByteArray SupportedVersion = QByteArrayLiteral("13");
constexpr qsizetype KeyBytes = 16;

// True when a comma-separated header holds `token`, compared without case.
bool headerHasToken(const QByteArray &value, const QByteArray &token)
{
    const QList<QByteArray> tokens = value.split(',');
    return std::any_of(tokens.cbegin(), tokens.cend(), [&token](const QByteArray &item) {
        return item.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

bool isValidKey(const QByteArray &key)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.size() == KeyBytes;
}

HttpResponse refusal(int status)
{
    HttpResponse response = HttpResponse::error(protocol::ApiError::BadRequest, status);
    response.headers.append({QByteArrayLiteral("Sec-WebSocket-Version"), SupportedVersion});
    return response;
}
} // namespace

std::variant<QByteArray, HttpResponse> answerWebSocketUpgrade(const HttpRequest &request)
{
    const QByteArray key = request.header("sec-websocket-key").trimmed();
    if (request.method != "GET" || request.http10 || request.header("host").isEmpty() ||
        !headerHasToken(request.header("upgrade"), "websocket") ||
        !headerHasToken(request.header("connection"), "upgrade") || !isValidKey(key))
        return refusal(400);
    if (request.header("sec-websocket-version").trimmed() != SupportedVersion)
        return refusal(426);
    const QByteArray accept = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                                       QCryptographicHash::Sha1)
                                  .toBase64();
    return QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: ") +
           accept + QByteArrayLiteral("\r\n\r\n");
}

} // namespace harajchat
