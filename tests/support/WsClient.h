#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QWebSocket>

namespace harajchat::test {

// A real QWebSocket client that keeps every packet it receives, in order.
class WsClient : public QObject
{
    Q_OBJECT
public:
    explicit WsClient(QObject *parent = nullptr);

    bool open(const QUrl &url);
    void sendJson(const QJsonObject &frame);
    void sendRaw(const QString &text) { m_socket.sendTextMessage(text); }
    void sendBinary(const QByteArray &data) { m_socket.sendBinaryMessage(data); }
    // Waits for the next packet (an empty object when none came in time).
    QJsonObject next(int timeoutMs = 5000);
    // Sends a frame and returns the next packet.
    QJsonObject command(const QJsonObject &frame);
    // Sends `auth` and checks for 200.
    bool authenticate(const QByteArray &token);
    // Proves no packet is queued: an invalid frame with this id must be answered next.
    bool nothingElseReceived(const QString &markerId = QStringLiteral("marker"));

    bool waitForDisconnect(int timeoutMs = 10000);
    int closeCode() const { return m_closeCode; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void close() { m_socket.close(); }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    int m_closeCode = -1;
};

} // namespace harajchat::test
