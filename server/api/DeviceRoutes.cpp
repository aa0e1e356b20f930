#include "api/ApiContext.h"

namespace harajchat {

using protocol::ApiError;

namespace {
// FCM registration tokens are about 160 characters; this only stops absurd input.
constexpr qsizetype MaxDeviceTokenLength = 4096;

struct Device
{
    QString platform;
    QString token;
};

Parsed<Device> parseDevice(const HttpRequest &request)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    const QString platform = body ? body->value(QLatin1String("platform")).toString() : QString();
    const QJsonValue token = body ? body->value(QLatin1String("token")) : QJsonValue();
    const bool platformValid =
        platform == QLatin1String("android") || platform == QLatin1String("ios");
    if (!platformValid || !token.isString() || token.toString().isEmpty() ||
        token.toString().size() > MaxDeviceTokenLength)
        return ApiError::BadRequest;
    return Device{platform, token.toString()};
}

void registerDevice(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withUserAnd<Device>(request, respond, parseDevice(request),
                            [&api, respond](const AuthResult &user, const Device &device) {
                                api.store<bool>(
                                    respond,
                                    [user, device](Storage &storage) {
                                        storage.upsertDevice(device.token, user.userId,
                                                             device.platform);
                                        return true;
                                    },
                                    [respond](bool) { respond(HttpResponse::success(200, {})); });
                            });
}

void unregisterDevice(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    const QString token = request.pathParam(u"token");
    api.withUser(request, respond, [&api, respond, token](const AuthResult &user) {
        // Idempotent: a token that is gone, or someone else's, answers 200 and stays as it is.
        api.store<bool>(
            respond,
            [user, token](Storage &storage) { return storage.deleteDevice(token, user.userId); },
            [respond](bool) { respond(HttpResponse::success(200, {})); });
    });
}
} // namespace

void registerDeviceRoutes(Router &router, ApiContext &api)
{
    addRoute(router, api, "PUT", QStringLiteral("/chat/devices"), registerDevice);
    addRoute(router, api, "DELETE", QStringLiteral("/chat/devices/{token}"), unregisterDevice);
}

} // namespace harajchat
