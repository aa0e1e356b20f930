#pragma once

#include "push/HttpResponseParser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace harajchat {

// Keep-alive HTTP/1.1 connections to one origin (http or https), for the push transports: many
// requests in flight, one per connection, up to `maxConnections`; further requests wait in line.
// A plain client rather than QNetworkAccessManager, which costs 220-560 µs of CPU per request
// and keeps at most six HTTP/1.1 connections per host (docs/adr/0001-push-http-client.md).
class HttpClientPool : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray target; // path and query, e.g. "/v1/projects/p/messages:send"
        QByteArray contentType;
        QByteArray authorization; // the Authorization header's value; none when empty
        QByteArray body;
    };
    using Callback = std::function<void(const HttpClientResponse &)>;

    struct Settings
    {
        int maxConnections = 64;
        qint64 timeoutMs = 30000;   // connect plus answer, per request
        qint64 idleCloseMs = 60000; // an unused connection is closed after this long
        qsizetype maxBodyBytes = 1 << 20;
    };

    HttpClientPool(const QUrl &origin, const Settings &settings, QObject *parent = nullptr);
    ~HttpClientPool() override;

    // POSTs `request`; `done` runs on this object's thread with the answer, or with status 0 and
    // an error when none came (refused, timed out, malformed). Never called synchronously.
    void post(Request request, Callback done);

    int inFlight() const { return m_busy; }
    qsizetype waiting() const { return m_waiting.size(); }
    int connectionCount() const { return int(m_connections.size()); }
    qint64 connectionsOpened() const { return m_connectionsOpened; }

private:
    struct Exchange
    {
        Request request;
        Callback done;
        bool resent = false;
    };
    struct Connection;

    void dispatch();
    Connection *openConnection();
    void start(Connection &connection, Exchange exchange);
    void writeRequest(Connection &connection);
    void onReadable(Connection &connection);
    void onEnded(Connection &connection);
    // Ends the connection's exchange with `response`; the connection stays for the next one when
    // both sides keep it alive.
    void complete(Connection &connection, HttpClientResponse response, bool reusable);
    void drop(Connection &connection);
    void sweep();
    static HttpClientResponse failure(const QByteArray &why);

    QUrl m_origin;
    QByteArray m_hostHeader;
    bool m_tls;
    Settings m_settings;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::deque<Exchange> m_waiting;
    int m_busy = 0;
    qint64 m_connectionsOpened = 0;
    QElapsedTimer m_clock; // started in the constructor
    QTimer m_sweepTimer;
};

} // namespace harajchat
