#pragma once

#include <QString>

namespace harajchat::protocol {

// Every error a client can receive, over HTTP or the socket (spec/http-api.md, spec/semantics.md).
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
