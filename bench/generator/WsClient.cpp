#include "WsClient.h"

#include <cstring>

namespace bench {

namespace {
constexpr std::uint8_t OpText = 0x1;
constexpr std::uint8_t OpClose = 0x8;
constexpr std::uint8_t OpPing = 0x9;
constexpr std::uint8_t OpPong = 0xA;
// The server only unmasks; a fixed key is as good as a random one for measuring it.
constexpr char MaskKey[4] = {0x12, 0x34, 0x56, 0x78};

constexpr std::string_view UpgradeRequest = "GET /chat/ws HTTP/1.1\r\n"
                                            "Host: 127.0.0.1\r\n"
                                            "Upgrade: websocket\r\n"
                                            "Connection: Upgrade\r\n"
                                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                            "Sec-WebSocket-Version: 13\r\n\r\n";

void appendLength(std::string &frame, std::size_t length)
{
    if (length < 126) {
        frame.push_back(char(0x80 | length));
    } else if (length < 65536) {
        frame.push_back(char(0x80 | 126));
        frame.push_back(char(length >> 8));
        frame.push_back(char(length & 0xff));
    } else {
        frame.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.push_back(char((std::uint64_t(length) >> shift) & 0xff));
    }
}
} // namespace

WsClient::WsClient(EventLoop &loop, WsHandler &handler, int index)
    : TcpStream(loop)
    , m_handler(handler)
    , m_index(index)
{}

bool WsClient::open(const Endpoint &endpoint)
{
    m_state = Upgrading;
    if (connectTo(endpoint))
        return true;
    m_state = Closed;
    return false;
}

void WsClient::onConnected()
{
    write(UpgradeRequest);
}

void WsClient::onInput(std::string &input)
{
    if (m_state == Upgrading && !readUpgradeAnswer(input))
        return;
    if (m_state == Open)
        readFrames(input);
}

bool WsClient::readUpgradeAnswer(std::string &input)
{
    const std::size_t end = input.find("\r\n\r\n");
    if (end == std::string::npos)
        return false;
    if (input.compare(0, 12, "HTTP/1.1 101") != 0) {
        fail();
        return false;
    }
    input.erase(0, end + 4);
    m_state = Open;
    m_handler.wsOpened(*this);
    return m_state == Open;
}

void WsClient::readFrames(std::string &input)
{
    std::size_t pos = 0;
    while (m_state == Open && input.size() - pos >= 2) {
        const auto *bytes = reinterpret_cast<const std::uint8_t *>(input.data() + pos);
        const std::uint8_t opcode = bytes[0] & 0x0f;
        std::uint64_t length = bytes[1] & 0x7f;
        std::size_t header = 2;
        if (length == 126 || length == 127) {
            header = length == 126 ? 4 : 10;
            if (input.size() - pos < header)
                break;
            length = 0;
            for (std::size_t i = 2; i < header; ++i)
                length = (length << 8) | bytes[i];
        }
        if (input.size() - pos < header + length)
            break;
        const std::string_view payload(input.data() + pos + header, std::size_t(length));
        pos += header + std::size_t(length);
        if (opcode == OpText)
            m_handler.wsText(*this, payload);
        else if (opcode == OpPing)
            sendFrame(OpPong, payload);
        else if (opcode == OpClose)
            fail();
    }
    if (m_state == Open)
        input.erase(0, pos);
}

void WsClient::sendText(std::string_view text)
{
    sendFrame(OpText, text);
}

void WsClient::sendFrame(std::uint8_t opcode, std::string_view payload)
{
    if (m_state != Open)
        return;
    std::string frame;
    frame.reserve(payload.size() + 14);
    frame.push_back(char(0x80 | opcode));
    appendLength(frame, payload.size());
    frame.append(MaskKey, 4);
    for (std::size_t i = 0; i < payload.size(); ++i)
        frame.push_back(char(payload[i] ^ MaskKey[i % 4]));
    write(frame);
}

void WsClient::drop()
{
    closeNow();
    m_state = Closed;
}

void WsClient::fail()
{
    drop();
    m_handler.wsClosed(*this);
}

void WsClient::onClosed()
{
    m_state = Closed;
    m_handler.wsClosed(*this);
}

} // namespace bench
