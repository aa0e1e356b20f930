#include "FakeHttpServer.h"

#include <QTcpSocket>

namespace harajchat::test {

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QTcpServer(parent)
{
    listen(QHostAddress::LocalHost, 0);
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

QUrl FakeHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
}

QList<RecordedRequest> FakeHttpServer::requests(const QByteArray &path) const
{
    QList<RecordedRequest> matching;
    for (const RecordedRequest &request : m_requests) {
        if (request.path == path)
            matching.append(request);
    }
    return matching;
}

void FakeHttpServer::serve(QTcpSocket *socket)
{
    // Keep-alive: answer every complete request in the buffer, leave a partial one for later.
    for (;;) {
        const QByteArray buffered = socket->peek(socket->bytesAvailable());
        const qsizetype headEnd = buffered.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        RecordedRequest request;
        const QList<QByteArray> lines = buffered.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffered.size() < headEnd + 4 + length)
            return;
        socket->skip(headEnd + 4);
        request.body = socket->read(length);
        request.receivedAt = QDateTime::currentDateTimeUtc();
        m_requests.append(request);
        if (m_holding && (m_holdPath.isEmpty() || m_holdPath == request.path))
            m_held.append({socket, request});
        else
            answer(socket, request);
    }
}

void FakeHttpServer::releaseHeld()
{
    const auto held = std::exchange(m_held, {});
    for (const auto &[socket, request] : held) {
        if (socket)
            answer(socket, request);
    }
}

void FakeHttpServer::answer(QTcpSocket *socket, const RecordedRequest &request)
{
    const FakeResponse response = m_handler ? m_handler(request) : FakeResponse{};
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n" +
                     "Content-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &header : response.headers)
        out += header.first + ": " + header.second + "\r\n";
    socket->write(out + "\r\n" + response.body);
}

} // namespace harajchat::test
