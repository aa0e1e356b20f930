#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>
#include <functional>

namespace harajchat::test {

struct RecordedRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QDateTime receivedAt;
};

struct FakeResponse
{
    int status = 200;
    QByteArray body = "{}";
    QList<QPair<QByteArray, QByteArray>> headers;
};

// A small HTTP/1.1 server on loopback that stands in for FCM and its OAuth2 token endpoint:
// it records every request and answers with what the test's handler says.
class FakeHttpServer : public QTcpServer
{
    Q_OBJECT
public:
    using Handler = std::function<FakeResponse(const RecordedRequest &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QUrl url(const QString &path = {}) const;
    QList<RecordedRequest> requests(const QByteArray &path) const;
    QList<RecordedRequest> allRequests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    Handler m_handler;
    QList<RecordedRequest> m_requests;
};

} // namespace harajchat::test
