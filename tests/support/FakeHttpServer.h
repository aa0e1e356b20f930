#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>
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
    // While holding, requests (to `path`, or to any path) are recorded but not answered;
    // releaseHeld() answers those held so far (holding goes on until switched off).
    void setHolding(bool holding, const QByteArray &path = {})
    {
        m_holding = holding;
        m_holdPath = path;
    }
    int heldCount() const { return int(m_held.size()); }
    void releaseHeld();
    QUrl url(const QString &path = {}) const;
    QList<RecordedRequest> requests(const QByteArray &path) const;
    QList<RecordedRequest> allRequests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const RecordedRequest &request);

    Handler m_handler;
    bool m_holding = false;
    QByteArray m_holdPath;
    QList<QPair<QPointer<QTcpSocket>, RecordedRequest>> m_held;
    QList<RecordedRequest> m_requests;
};

} // namespace harajchat::test
