#pragma once

#include <QByteArray>
#include <QTcpSocket>
#include <QUrl>

namespace harajchat::test {

// A WebSocket client written by hand over QTcpSocket, for what a well-behaved client never does:
// ignore pings, stop reading, send broken frames.
class RawWsClient
{
public:
    // Performs the opening handshake; with `receiveBuffer` > 0 the socket reads little.
    bool open(const QUrl &url, int receiveBuffer = 0);
    // One masked frame; `fin` false leaves the message open for continuation frames.
    void sendFrame(quint8 opcode, const QByteArray &payload, bool fin = true);
    // The bytes of a client frame: `first` is the FIN/RSV/opcode byte; masked unless told not.
    static QByteArray clientFrame(quint8 first, const QByteArray &payload, bool masked = true);
    void sendText(const QByteArray &text) { sendFrame(0x1, text); }
    void sendBytes(const QByteArray &raw);
    // The next text frame from the server (pings are read and ignored); empty on timeout.
    QByteArray nextText(int timeoutMs = 5000) { return next(m_texts, timeoutMs); }
    // The payload of the next pong from the server; empty on timeout.
    QByteArray nextPong(int timeoutMs = 5000) { return next(m_pongs, timeoutMs); }
    bool waitForDisconnect(int timeoutMs = 10000);
    // The code of the server's close frame; -1 when none was received, or it had no code.
    int closeCode() const { return m_closeCode; }
    int closeFramesReceived() const { return m_closeFrames; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

private:
    void readAvailable();
    void parseFrames();
    QByteArray next(QByteArrayList &received, int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArrayList m_texts;
    QByteArrayList m_pongs;
    int m_closeCode = -1;
    int m_closeFrames = 0;
};

} // namespace harajchat::test
