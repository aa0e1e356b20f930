#pragma once

#include "gateway/HttpMessage.h"

#include <QByteArrayView>
#include <variant>

namespace harajchat {

// Why a request is refused before it reaches a route, as the status that says so (RFC 9110 §15).
enum class HttpRefusal
{
    BadRequest = 400,
    ContentTooLarge = 413,
    UriTooLong = 414,
    HeaderFieldsTooLarge = 431,
    NotImplemented = 501,
    VersionNotSupported = 505,
};

// The value of a hex digit (percent-escapes, chunk sizes), -1 for another character.
int hexDigit(char c);

// The answer to a refused request, in the contract's envelope.
HttpResponse refusalResponse(HttpRefusal refusal);

// Parses a request head: the request line and the field lines, each ended by LF or CRLF, without
// the empty line that ends the head. HTTP/1.0 and 1.1 (RFC 9112 §3-5): origin-form and
// absolute-form targets, `*` for OPTIONS; a field value holding NUL, CR or another control, a
// field name followed by whitespace, an obsolete folded line, a missing or repeated `Host` (1.1)
// and a repeated `Content-Length` are 400; over 100 fields are 431; HTTP/2 and later are 505.
std::variant<HttpRequest, HttpRefusal> parseRequestHead(QByteArrayView head);

} // namespace harajchat
