// Feeds arbitrary bytes to WsFrameReader, cut at arbitrary places, and checks what it promises:
// no crash, nothing delivered over the limit, text always valid UTF-8, nothing after it stops
// (on a close, a failure, or when told to).
// isValidUtf8 is checked against Qt's decoder on the way.
#include "FuzzCheck.h"
#include "gateway/WsFrameReader.h"

#include <QString>

using namespace harajchat;

namespace {
constexpr qint64 Limit = 512;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView all(reinterpret_cast<const char *>(data), qsizetype(size));
    // Valid UTF-8 is exactly what survives Qt's decoder unchanged.
    FUZZ_CHECK(isValidUtf8(all) == (QString::fromUtf8(all).toUtf8() == all));
    if (size < 1)
        return 0;

    // The first byte picks the piece size, so frames arrive cut in every way, and after how many
    // inputs the connection stops reading (0: never).
    const qsizetype piece = qsizetype(data[0] % 17) + 1;
    const int stopAfter = data[0] / 17 % 8;
    const QByteArrayView stream = all.sliced(1);
    WsFrameReader reader(Limit);
    bool finished = false;
    int delivered = 0;
    const auto deliver = [&](WsInput &&input) {
        FUZZ_CHECK(!finished);
        ++delivered;
        FUZZ_CHECK(input.payload.size() <= Limit);
        if (input.kind == WsInput::Text || input.kind == WsInput::Close)
            FUZZ_CHECK(isValidUtf8(input.payload));
        if (input.kind == WsInput::Close || input.kind == WsInput::Failure)
            finished = true;
        if (delivered == stopAfter)
            finished = true;
        return !finished;
    };
    for (qsizetype at = 0; at < stream.size(); at += piece)
        reader.feed(stream.sliced(at, qMin(piece, stream.size() - at)), deliver);
    FUZZ_CHECK(finished == reader.stopped());
    return 0;
}
