// Feeds arbitrary bytes to HttpRequestReader as a connection would, cut into pieces of a size the
// first byte picks, and checks what it promises: no crash; it never consumes more than it was given
// nor reads past what wanted() allows; requests and refusals come out the same as when the whole
// input arrives at once; a body never exceeds its limit; a refusal ends the connection.
//
//   scripts/run-fuzz.sh, or: build-fuzz/tests/fuzz/fuzz_http_requests -max_total_time=60 <seeds>
#include "FuzzCheck.h"
#include "gateway/HttpRequestReader.h"

using namespace harajchat;

namespace {
// Small limits, so that the fuzzer reaches them.
const HttpLimits Limits{512, 1024, 60000};

// The requests read from `stream` given `piece` bytes at a time, then the refusal if any.
QByteArrayList readAll(QByteArrayView stream, qsizetype piece)
{
    HttpRequestReader reader(Limits);
    QByteArrayList outcome;
    QByteArray pending;
    for (qsizetype at = 0; at < stream.size() || !pending.isEmpty();) {
        if (at < stream.size()) {
            pending += stream.sliced(at, std::min(piece, stream.size() - at));
            at += piece;
        }
        const qsizetype before = pending.size();
        const QByteArrayView offered = QByteArrayView(pending).first(
            std::min<qsizetype>(pending.size(), std::max<qsizetype>(reader.wanted(), 1)));
        const qsizetype consumed = reader.read(offered);
        FUZZ_CHECK(consumed >= 0 && consumed <= offered.size());
        pending.remove(0, consumed);
        if (reader.state() == HttpRequestReader::State::Refused) {
            outcome.append(QByteArray::number(int(reader.refusal())));
            return outcome;
        }
        if (reader.state() == HttpRequestReader::State::Ready) {
            const HttpRequest request = reader.takeRequest();
            FUZZ_CHECK(request.body.size() <= Limits.maxBodyBytes);
            outcome.append(request.method + ' ' + request.path.toUtf8() + ' ' + request.body);
        } else if (consumed == 0 && pending.size() == before && at >= stream.size()) {
            break; // waiting for bytes that will not come
        }
    }
    return outcome;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = qsizetype(data[0] % 64) + 1;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    FUZZ_CHECK(readAll(stream, piece) == readAll(stream, stream.size() + 1));
    return 0;
}
