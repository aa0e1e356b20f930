#pragma once

#include "api/TopicAccess.h"
#include "auth/Authenticator.h"
#include "gateway/Router.h"

#include <QJsonObject>
#include <QObject>
#include <optional>
#include <variant>

namespace harajchat {

class ChatService;
class PresenceRegistry;
class StorageQueue;
class WsGateway;

// A request's input after validation, or the error that answers it.
template <typename T> using Parsed = std::variant<T, protocol::ApiError>;

// What the HTTP endpoints share: services to call, and the common steps of every handler.
// Also the context object of their asynchronous callbacks (it outlives every request).
class ApiContext : public QObject
{
    Q_OBJECT
public:
    ApiContext(Authenticator &authenticator, StorageQueue &storage, PresenceRegistry &presence,
               WsGateway &gateway, ChatService &chat, qint64 maxContentBytes,
               QObject *parent = nullptr);

    Authenticator &authenticator;
    StorageQueue &storage;
    PresenceRegistry &presence;
    WsGateway &gateway;
    ChatService &chat;
    const qint64 maxContentBytes; // serialized message `content`

    // Resolves the bearer token, answering 401 (or 500) itself when there is no valid user.
    void withUser(const HttpRequest &request, const Responder &respond,
                  std::function<void(const AuthResult &)> next);

    // withUser, then the `{topic_id}` of the path seen from that user (404 / 403 answered here).
    void withTopic(const HttpRequest &request, const Responder &respond,
                   std::function<void(const AuthResult &, const TopicAccess &)> next);

    // Like withUser / withTopic, for calls with input: the input is parsed before (the request may
    // be gone by the time the caller is known), but its errors are answered after 401, 403 and 404,
    // so a client first learns whether it may make the call at all.
    // Continuations are moved along, never copied: each copy of one copies everything it holds.
    template <typename Input>
    void withUserAnd(const HttpRequest &request, const Responder &respond, Parsed<Input> input,
                     std::function<void(const AuthResult &, const Input &)> next)
    {
        withUser(
            request, respond,
            [respond, input = std::move(input), next = std::move(next)](const AuthResult &user) {
                if (const auto *error = std::get_if<protocol::ApiError>(&input))
                    respond(HttpResponse::error(*error));
                else
                    next(user, std::get<Input>(input));
            });
    }
    template <typename Input>
    void
    withTopicAnd(const HttpRequest &request, const Responder &respond, Parsed<Input> input,
                 std::function<void(const AuthResult &, const TopicAccess &, const Input &)> next)
    {
        withTopic(request, respond,
                  [respond, input = std::move(input),
                   next = std::move(next)](const AuthResult &user, const TopicAccess &topic) {
                      if (const auto *error = std::get_if<protocol::ApiError>(&input))
                          respond(HttpResponse::error(*error));
                      else
                          next(user, topic, std::get<Input>(input));
                  });
    }

    // Runs a storage job and answers 500 itself when it fails.
    template <typename R>
    void store(const Responder &respond, std::function<R(Storage &)> job,
               std::function<void(R)> next)
    {
        storage.submit<R>(
            this, std::move(job), [respond, next = std::move(next)](StorageResult<R> result) {
                if (result.ok)
                    next(std::move(result.value));
                else
                    respond(HttpResponse::error(protocol::ApiError::ServerInternalError));
            });
    }

private:
    // Answers 401 (rejected) or 500 (storage fault) itself, or goes on with the user.
    static void continueAuthenticated(const AuthResult &result, const Responder &respond,
                                      const std::function<void(const AuthResult &)> &next);
};

QByteArray bearerToken(const HttpRequest &request);
// The body as a JSON object; nullopt when it is not one.
std::optional<QJsonObject> jsonObjectBody(const HttpRequest &request);

using ApiHandler = void (*)(ApiContext &, HttpRequest &, const Responder &);
void addRoute(Router &router, ApiContext &api, const QByteArray &method, const QString &pattern,
              ApiHandler handler);

void registerAccountRoutes(Router &router, ApiContext &api);
void registerTopicRoutes(Router &router, ApiContext &api);
void registerMessageRoutes(Router &router, ApiContext &api);
void registerDeviceRoutes(Router &router, ApiContext &api);
void registerServiceRoutes(Router &router, ApiContext &api);

} // namespace harajchat
