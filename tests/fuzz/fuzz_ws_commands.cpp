// Feeds arbitrary bytes to parseWsCommand, the parser of every client frame of /chat/ws, and checks
// what it promises: no crash, a command only with what it needs (a token, a valid peer id), and an
// answer that depends on the JSON value alone, not on how the client spelled it.
#include "FuzzCheck.h"
#include "gateway/WsCommand.h"
#include "protocol/Ids.h"

#include <QJsonDocument>

using namespace harajchat;

namespace {
bool operator==(const WsCommand &a, const WsCommand &b)
{
    return a.kind == b.kind && a.id == b.id && a.accessToken == b.accessToken &&
           a.peerId == b.peerId;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const WsCommand command = parseWsCommand(frame);
    switch (command.kind) {
    case WsCommand::Invalid:
        FUZZ_CHECK(command.accessToken.isEmpty() && command.peerId == 0);
        break;
    case WsCommand::Auth:
        FUZZ_CHECK(!command.accessToken.isEmpty() && command.peerId == 0);
        break;
    case WsCommand::Listen:
    case WsCommand::Unlisten:
        FUZZ_CHECK(protocol::isValidUserId(command.peerId) && command.accessToken.isEmpty());
        break;
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    // A well-formed number out of a double's range (`1e400`) is read as null, so such a frame is
    // answered as if it held null there (with its id); anything else Qt refuses is no command.
    if (error.error == QJsonParseError::IllegalNumber)
        return 0;
    if (error.error != QJsonParseError::NoError) {
        FUZZ_CHECK(command.kind == WsCommand::Invalid && !command.id);
        return 0;
    }
    FUZZ_CHECK(parseWsCommand(document.toJson(QJsonDocument::Indented)) == command);
    return 0;
}
