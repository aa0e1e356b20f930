#pragma once

#include "auth/Authenticator.h"
#include "gateway/Router.h"

#include <QJsonObject>
#include <QObject>
#include <optional>

namespace harajchat {

class PresenceRegistry;
class StorageQueue;
class WsGateway;

// What the HTTP endpoints share: services to call, and the common steps of every handler.
// Also the context object of their asynchronous callbacks (it outlives every request).
class ApiContext : public QObject
{
    Q_OBJECT
public:
    ApiContext(Authenticator &authenticator, StorageQueue &storage, PresenceRegistry &presence,
               WsGateway &gateway, QObject *parent = nullptr);

    Authenticator &authenticator;
    StorageQueue &storage;
    PresenceRegistry &presence;
    WsGateway &gateway;

    // Resolves the bearer token, answering 401 (or 500) itself when there is no valid user.
    void withUser(const HttpRequest &request, const Responder &respond,
                  std::function<void(const AuthResult &)> next);

    // Runs a storage job and answers 500 itself when it fails.
    template <typename R>
    void store(const Responder &respond, std::function<R(Storage &)> job,
               std::function<void(R)> next)
    {
        storage.submit<R>(this, std::move(job), [respond, next](StorageResult<R> result) {
            if (result.ok)
                next(std::move(result.value));
            else
                respond(HttpResponse::error(protocol::ApiError::ServerInternalError));
        });
    }
};

QByteArray bearerToken(const HttpRequest &request);
// The body as a JSON object; nullopt when it is not one.
std::optional<QJsonObject> jsonObjectBody(const HttpRequest &request);

void registerAccountRoutes(Router &router, ApiContext &api);
void registerTopicRoutes(Router &router, ApiContext &api);
void registerServiceRoutes(Router &router, ApiContext &api);

} // namespace harajchat
