#include "api/ApiContext.h"

namespace harajchat {

void registerHealthRoute(Router &router, ApiContext &api)
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
}

} // namespace harajchat
