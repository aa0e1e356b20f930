#pragma once

#include <QByteArrayList>
#include <QTcpSocket>

namespace harajchat::test {

// A hand-written HTTP exchange over one connection, for what QNetworkAccessManager will not send:
// malformed, pipelined or split requests.
class RawHttp
{
public:
    explicit RawHttp(quint16 port);
    void send(const QByteArray &bytes);
    // Reads until `count` complete responses (head + Content-Length body) or the connection ends.
    QByteArrayList responses(int count = 1);
    // Reads one response head only: the answer to a HEAD request, whose body is left out.
    QByteArray head();
    bool waitForClose();
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    bool waitForMore();

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace harajchat::test
