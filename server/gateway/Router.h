#pragma once

#include "gateway/HttpMessage.h"

#include <QStringList>
#include <functional>
#include <vector>

namespace harajchat {

using Responder = std::function<void(const HttpResponse &)>;
using RouteHandler = std::function<void(HttpRequest &, const Responder &)>;

// Maps method + path pattern ("/chat/topics/{topic_id}/messages") to a handler.
// No matching path: 404. Matching path, other method: 405 with an Allow header.
class Router
{
public:
    void add(const QByteArray &method, const QString &pattern, RouteHandler handler);
    void dispatch(HttpRequest &request, const Responder &respond) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        RouteHandler handler;
    };
    using PathParams = decltype(HttpRequest::pathParams);
    static bool matches(const Route &route, const QStringList &segments, PathParams *params);

    std::vector<Route> m_routes;
};

} // namespace harajchat
