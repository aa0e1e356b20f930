#pragma once

#include <QString>

namespace harajchat::protocol {

// Every error a client can receive, over HTTP or the socket (docs/protocol.md "Envelope and
// errors"; the contract's http-api.md and semantics.md).
enum class ApiError
{
    BadRequest,
    AuthRequired,
    AlreadyAuthenticated,
    InvalidAccessToken,
    InvalidCredentials,
    ForbiddenAccess,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    RateLimited,
    ServerInternalError,
};

int httpStatus(ApiError error);
QString errorCode(ApiError error);

} // namespace harajchat::protocol
