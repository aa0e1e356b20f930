#include "gateway/Router.h"

namespace harajchat {

using protocol::ApiError;

void Router::add(const QByteArray &method, const QString &pattern, RouteHandler handler)
{
    m_routes.push_back({method, pattern.split(QLatin1Char('/')), std::move(handler)});
}

bool Router::matches(const Route &route, const QStringList &segments, PathParams *params)
{
    if (route.segments.size() != segments.size())
        return false;
    PathParams captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char('{')) && expected.endsWith(QLatin1Char('}'))) {
            if (segments.at(i).isEmpty())
                return false;
            captured.append({expected.mid(1, expected.size() - 2), segments.at(i)});
        } else if (expected != segments.at(i)) {
            return false;
        }
    }
    *params = captured;
    return true;
}

void Router::dispatch(HttpRequest &request, const Responder &respond) const
{
    const QStringList segments = request.path.split(QLatin1Char('/'));
    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        PathParams params;
        if (!matches(route, segments, &params))
            continue;
        if (route.method == request.method) {
            request.pathParams = std::move(params);
            route.handler(request, respond);
            return;
        }
        allowed.append(route.method);
    }
    if (allowed.isEmpty()) {
        respond(HttpResponse::error(ApiError::NotFound));
        return;
    }
    HttpResponse response = HttpResponse::error(ApiError::MethodNotAllowed);
    response.headers.append({QByteArrayLiteral("Allow"), allowed.join(", ")});
    respond(response);
}

} // namespace harajchat
