#include "protocol/ApiError.h"

namespace harajchat::protocol {

int httpStatus(ApiError error)
{
    switch (error) {
    case ApiError::BadRequest:
    case ApiError::AlreadyAuthenticated:
        return 400;
    case ApiError::AuthRequired:
    case ApiError::InvalidAccessToken:
    case ApiError::InvalidCredentials:
        return 401;
    case ApiError::ForbiddenAccess:
        return 403;
    case ApiError::NotFound:
        return 404;
    case ApiError::MethodNotAllowed:
        return 405;
    case ApiError::PayloadTooLarge:
        return 413;
    case ApiError::RateLimited:
        return 429;
    case ApiError::ServerInternalError:
        return 500;
    }
    return 500;
}

QString errorCode(ApiError error)
{
    switch (error) {
    case ApiError::BadRequest:
        return QStringLiteral("ERR_BAD_REQUEST");
    case ApiError::AlreadyAuthenticated:
        return QStringLiteral("ERR_ALREADY_AUTHENTICATED");
    case ApiError::AuthRequired:
        return QStringLiteral("ERR_AUTH_REQUIRED");
    case ApiError::InvalidAccessToken:
        return QStringLiteral("ERR_INVALID_ACCESS_TOKEN");
    case ApiError::InvalidCredentials:
        return QStringLiteral("ERR_INVALID_CREDENTIALS");
    case ApiError::ForbiddenAccess:
        return QStringLiteral("ERR_FORBIDDEN_ACCESS");
    case ApiError::NotFound:
        return QStringLiteral("ERR_NOT_FOUND");
    case ApiError::MethodNotAllowed:
        return QStringLiteral("ERR_METHOD_NOT_ALLOWED");
    case ApiError::PayloadTooLarge:
        return QStringLiteral("ERR_PAYLOAD_TOO_LARGE");
    case ApiError::RateLimited:
        return QStringLiteral("ERR_RATE_LIMITED");
    case ApiError::ServerInternalError:
        return QStringLiteral("ERR_SERVER_INTERNAL_ERROR");
    }
    return QStringLiteral("ERR_SERVER_INTERNAL_ERROR");
}

} // namespace harajchat::protocol
