#include "api/ApiContext.h"

#include <QJsonDocument>

namespace harajchat {

using protocol::ApiError;

ApiContext::ApiContext(Authenticator &authenticator, StorageQueue &storage,
                       PresenceRegistry &presence, WsGateway &gateway, ChatService &chat,
                       qint64 maxContentBytes, QObject *parent)
    : QObject(parent)
    , authenticator(authenticator)
    , storage(storage)
    , presence(presence)
    , gateway(gateway)
    , chat(chat)
    , maxContentBytes(maxContentBytes)
{}

void ApiContext::withTopic(const HttpRequest &request, const Responder &respond,
                           std::function<void(const AuthResult &, const TopicAccess &)> next)
{
    const QString topicId = request.pathParam(u"topic_id");
    withUser(request, respond, [topicId, respond, next = std::move(next)](const AuthResult &user) {
        const auto access = topicAccess(topicId, user.userId);
        if (const auto *error = std::get_if<ApiError>(&access))
            respond(HttpResponse::error(*error));
        else
            next(user, std::get<TopicAccess>(access));
    });
}

void ApiContext::withUser(const HttpRequest &request, const Responder &respond,
                          std::function<void(const AuthResult &)> next)
{
    const QByteArray token = bearerToken(request);
    if (token.isEmpty()) {
        respond(HttpResponse::error(ApiError::InvalidAccessToken));
        return;
    }
    // Most requests carry a JWT seen before: answered here, without a round through the loop.
    if (const std::optional<AuthResult> known = authenticator.authenticateFromMemory(token)) {
        continueAuthenticated(*known, respond, next);
        return;
    }
    authenticator.authenticate(token, this,
                               [respond, next = std::move(next)](const AuthResult &result) {
                                   continueAuthenticated(result, respond, next);
                               });
}

void ApiContext::continueAuthenticated(const AuthResult &result, const Responder &respond,
                                       const std::function<void(const AuthResult &)> &next)
{
    if (result.status == AuthResult::Accepted)
        next(result);
    else if (result.status == AuthResult::Rejected)
        respond(HttpResponse::error(ApiError::InvalidAccessToken));
    else
        respond(HttpResponse::error(ApiError::ServerInternalError));
}

void addRoute(Router &router, ApiContext &api, const QByteArray &method, const QString &pattern,
              ApiHandler handler)
{
    router.add(method, pattern, [&api, handler](HttpRequest &request, const Responder &respond) {
        handler(api, request, respond);
    });
}

QByteArray bearerToken(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space <= 0 || authorization.left(space).toLower() != "bearer")
        return {};
    return authorization.mid(space + 1).trimmed();
}

std::optional<QJsonObject> jsonObjectBody(const HttpRequest &request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace harajchat
