#include "WsClient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace harajchat::test {

WsClient::WsClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this,
            [this] { m_closeCode = int(m_socket.closeCode()); });
}

bool WsClient::open(const QUrl &url)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.wait(5000);
}

void WsClient::sendJson(const QJsonObject &frame)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

QJsonObject WsClient::next(int timeoutMs)
{
    if (m_received.isEmpty()) {
        QSignalSpy spy(&m_socket, &QWebSocket::textMessageReceived);
        if (!spy.wait(timeoutMs) && m_received.isEmpty())
            return {};
    }
    return m_received.takeFirst();
}

QJsonObject WsClient::command(const QJsonObject &frame)
{
    sendJson(frame);
    return next();
}

bool WsClient::authenticate(const QByteArray &token)
{
    const QJsonObject answer =
        command({{QStringLiteral("auth"),
                  QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(token)}}}});
    return answer.value(QLatin1String("status")).toInt() == 200;
}

bool WsClient::nothingElseReceived(const QString &markerId)
{
    const QJsonObject answer =
        command({{QStringLiteral("marker"), QJsonObject{{QStringLiteral("id"), markerId}}}});
    return answer.value(QLatin1String("id")).toString() == markerId &&
           answer.value(QLatin1String("status")).toInt() == 400;
}

bool WsClient::waitForDisconnect(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return true;
    QSignalSpy disconnected(&m_socket, &QWebSocket::disconnected);
    return disconnected.wait(timeoutMs);
}

} // namespace harajchat::test
