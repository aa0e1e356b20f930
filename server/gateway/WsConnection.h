#pragma once

#include "gateway/WsFrameReader.h"

#include <QString>

class QTcpSocket;

namespace harajchat {

// The WebSocket protocol on one upgraded TCP connection, server side: reads the client's frames,
// answers its pings, runs the close handshake, and writes frames straight to the connection.
// What the messages mean is the handler's business. A plain class rather than QWebSocket: it
// keeps no buffers of its own while the connection is idle, which is what most sockets are.
class WsConnection
{
public:
    class Handler
    {
    public:
        // Any frame arrived: the client is alive. Called before the frame's own callback.
        virtual void onHeard() = 0;
        virtual void onText(QByteArray &&utf8) = 0;
        virtual void onBinary() = 0;
        // Unsent output passed the limit: the client does not read what it is sent.
        virtual void onBacklogged() = 0;
        // The client sent its close frame or broke the protocol: no more messages will come.
        virtual void onClosing() = 0;
        // The TCP connection is gone. The last call.
        virtual void onEnded() = 0;

    protected:
        ~Handler() = default;
    };

    // Takes `socket`, connected and past the handshake; what it holds unread is read next.
    WsConnection(QTcpSocket *socket, qint64 maxMessageBytes, qint64 maxUnsentBytes,
                 Handler &handler);
    ~WsConnection();
    WsConnection(const WsConnection &) = delete;
    WsConnection &operator=(const WsConnection &) = delete;

    // Writes a whole frame while the connection is open: nothing may follow our close frame.
    // Tells the handler when the unsent bytes pass the limit.
    void send(const QByteArray &frame);
    void ping();
    // Sends our close frame; the connection ends once the client answers with its own.
    void close(quint16 code, const QString &reason);
    // Drops the TCP connection without a close handshake.
    void abort();

    QString peerAddress() const;

private:
    enum class State
    {
        Open,
        Closing, // our close frame is sent, the client's is awaited
        Closed,  // no frame goes either way any more
        Ended,   // the TCP connection is gone and the handler told
    };

    void readInput();
    void end();
    bool deliver(WsInput &&input);
    // Answers the client's close frame or its protocol error, then ends the TCP connection.
    void closeAfterPeer(const QByteArray &closeFrame);

    QTcpSocket *m_socket;
    const qint64 m_maxUnsentBytes;
    Handler &m_handler;
    WsFrameReader m_reader;
    State m_state = State::Open;
};

} // namespace harajchat
