#include "api/ApiContext.h"
#include "gateway/WsGateway.h"

namespace harajchat {

using protocol::ApiError;

namespace {
const QLatin1String UserIdKey("user_id");
const QLatin1String NameKey("name");

void login(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    const QJsonValue username = body ? body->value(QLatin1String("username")) : QJsonValue();
    const QJsonValue password = body ? body->value(QLatin1String("password")) : QJsonValue();
    if (!username.isString() || !password.isString()) {
        respond(HttpResponse::error(ApiError::BadRequest));
        return;
    }
    api.authenticator.login(
        username.toString(), password.toString(), &api, [respond](const LoginResult &result) {
            if (result.status == LoginResult::Failed) {
                respond(HttpResponse::error(ApiError::ServerInternalError));
            } else if (result.status == LoginResult::Rejected) {
                respond(HttpResponse::error(ApiError::InvalidCredentials));
            } else {
                respond(HttpResponse::success(200, {{UserIdKey, result.userId},
                                                    {NameKey, result.name},
                                                    {QStringLiteral("access_token"),
                                                     QString::fromLatin1(result.accessToken)}}));
            }
        });
}

void logout(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withUser(request, respond, [&api, respond](const AuthResult &user) {
        // JWTs cannot be revoked here (the account service owns them); their sockets still close.
        api.authenticator.revoke(
            user.tokenHash, &api,
            [&api, respond, hash = user.tokenHash](StorageResult<bool> result) {
                if (!result.ok) {
                    respond(HttpResponse::error(ApiError::ServerInternalError));
                    return;
                }
                api.gateway.closeSessionsWithToken(hash);
                respond(HttpResponse::success(200, {}));
            });
    });
}

void me(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withUser(request, respond, [respond](const AuthResult &user) {
        respond(HttpResponse::success(200, {{UserIdKey, user.userId}, {NameKey, user.name}}));
    });
}
} // namespace

void registerAccountRoutes(Router &router, ApiContext &api)
{
    addRoute(router, api, "POST", QStringLiteral("/chat/login"), login);
    addRoute(router, api, "POST", QStringLiteral("/chat/logout"), logout);
    addRoute(router, api, "GET", QStringLiteral("/chat/me"), me);
}

} // namespace harajchat
