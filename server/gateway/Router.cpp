#include "gateway/Router.h"

#include "gateway/HttpRequestHead.h"

namespace harajchat {

using protocol::ApiError;

void Router::add(const QByteArray &method, const QString &pattern, RouteHandler handler)
{
    QList<Segment> segments;
    for (const QString &text : pattern.split(QLatin1Char('/'))) {
        if (text.startsWith(QLatin1Char('{')) && text.endsWith(QLatin1Char('}')))
            segments.append({text.mid(1, text.size() - 2), true});
        else
            segments.append({text, false});
    }
    m_routes.push_back({method, segments, std::move(handler)});
    if (!m_methods.contains(method))
        m_methods.append(method);
}

bool Router::matches(const Route &route, const QList<QStringView> &segments, PathParams *params)
{
    if (route.segments.size() != segments.size())
        return false;
    PathParams captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const Segment &expected = route.segments.at(i);
        if (expected.isParameter) {
            if (segments.at(i).isEmpty())
                return false;
            captured.append({expected.text, segments.at(i).toString()});
        } else if (expected.text != segments.at(i)) {
            return false;
        }
    }
    *params = captured;
    return true;
}

bool Router::implements(const QByteArray &method) const
{
    return method == "OPTIONS" || m_methods.contains(method);
}

QByteArray Router::allowHeader(const QByteArrayList &methods)
{
    QByteArrayList allowed;
    for (const QByteArray &method : methods) {
        if (!allowed.contains(method))
            allowed.append(method);
    }
    if (allowed.contains("GET"))
        allowed.append(QByteArrayLiteral("HEAD"));
    allowed.append(QByteArrayLiteral("OPTIONS"));
    return allowed.join(", ");
}

QByteArray Router::allowAnywhere() const
{
    return allowHeader(m_methods);
}

void Router::dispatch(HttpRequest &request, const Responder &respond) const
{
    const QByteArray method = request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method;
    if (!implements(method)) {
        respond(refusalResponse(HttpRefusal::NotImplemented));
        return;
    }
    if (request.path == QLatin1String("*")) { // `OPTIONS *`: the server as a whole
        HttpResponse response = HttpResponse::success(200, {});
        response.headers.append({QByteArrayLiteral("Allow"), allowAnywhere()});
        respond(response);
        return;
    }
    // Views into the path: matching against every route allocates nothing but the parameters.
    const QList<QStringView> segments = QStringView(request.path).split(u'/');
    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        PathParams params;
        if (!matches(route, segments, &params))
            continue;
        if (route.method == method) {
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
    HttpResponse response = method == "OPTIONS" ? HttpResponse::success(200, {})
                                                : HttpResponse::error(ApiError::MethodNotAllowed);
    response.headers.append({QByteArrayLiteral("Allow"), allowHeader(allowed)});
    respond(response);
}

} // namespace harajchat
