#include "api/ApiContext.h"
#include "gateway/HttpConnection.h"

namespace harajchat {

void registerServiceRoutes(Router &router, ApiContext &api)
{
    // Healthy means the database answers: a node that cannot store must not get traffic.
    router.add("GET", QStringLiteral("/healthz"), [&api](HttpRequest &, const Responder &respond) {
        api.storage.submit<bool>(
            &api,
            [](Storage &storage) {
                storage.checkHealth();
                return true;
            },
            [respond](StorageResult<bool> result) {
                if (result.ok) {
                    respond(HttpResponse::success(
                        200, {{QStringLiteral("status"), QStringLiteral("ok")}}));
                    return;
                }
                respond(HttpResponse::success(
                    503, {{QStringLiteral("status"), QStringLiteral("unavailable")}}));
            });
    });

    // /chat/ws upgrades are taken before routing; what reaches the router is a plain request.
    router.add("GET", QString::fromLatin1(HttpConnection::WebSocketPath),
               [](HttpRequest &, const Responder &respond) {
                   respond(HttpResponse::error(protocol::ApiError::BadRequest));
               });
}

} // namespace harajchat
