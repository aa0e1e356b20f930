#pragma once

#include "gateway/HttpMessage.h"

#include <QStringList>
#include <functional>
#include <vector>

namespace harajchat {

using Responder = std::function<void(const HttpResponse &)>;
using RouteHandler = std::function<void(HttpRequest &, const Responder &)>;

// Maps method + path pattern ("/chat/topics/{topic_id}/messages") to a handler.
// No matching path: 404. Matching path, other method: 405 with an Allow header. HEAD is answered
// by the GET handler (the connection leaves the body out), OPTIONS with the Allow header; a
// method no route has is 501 (RFC 9110 §9.1, §15.6.2).
class Router
{
public:
    void add(const QByteArray &method, const QString &pattern, RouteHandler handler);
    void dispatch(HttpRequest &request, const Responder &respond) const;

private:
    // A pattern's segment: literal text, or a parameter's name ("{topic_id}" -> "topic_id").
    struct Segment
    {
        QString text;
        bool isParameter = false;
    };
    struct Route
    {
        QByteArray method;
        QList<Segment> segments;
        RouteHandler handler;
    };
    using PathParams = decltype(HttpRequest::pathParams);
    static bool matches(const Route &route, const QList<QStringView> &segments, PathParams *params);
    bool implements(const QByteArray &method) const;
    // The methods a path answers, from its routes' (`GET` brings `HEAD`), and OPTIONS.
    static QByteArray allowHeader(const QByteArrayList &methods);
    QByteArray allowAnywhere() const;

    std::vector<Route> m_routes;
    QByteArrayList m_methods; // of the routes, each once, in the order they were added
};

} // namespace harajchat
