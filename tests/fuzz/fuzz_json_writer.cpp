// The direct JSON writers (JsonText.h and the packets and envelopes written with it) promise
// byte-for-byte what QJsonDocument writes for the same value. Builds strings and documents from the
// bytes, writes them both ways and checks: the same bytes, and QJsonDocument reads ours back as the
// value written.
#include "FuzzCheck.h"
#include "protocol/Envelope.h"
#include "protocol/JsonText.h"
#include "protocol/Packets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <fuzzer/FuzzedDataProvider.h>

using namespace harajchat;
using namespace harajchat::protocol;

namespace {
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// UTF-16 text, lone surrogates included: mostly ASCII (quotes, backslashes, controls), where the
// escaping is.
QString text(FuzzedDataProvider &in)
{
    QString text;
    for (int length = in.ConsumeIntegralInRange(0, 40); length > 0; --length) {
        const auto byte = in.ConsumeIntegral<uint8_t>();
        const char16_t unit = byte < 0x80 ? char16_t(byte) : in.ConsumeIntegral<char16_t>();
        // Qt 6.4's parser drops a U+FEFF that starts a string (a byte order mark to it), which
        // would fail the read-back checks on Qt's account; the writers' bytes for it are compared
        // wherever else it is.
        if (!(text.isEmpty() && unit == 0xfeff))
            text.append(QChar(unit));
    }
    return text;
}

QJsonValue value(FuzzedDataProvider &in, int depth);

QJsonObject object(FuzzedDataProvider &in, int depth)
{
    QJsonObject object;
    for (int size = in.ConsumeIntegralInRange(0, 4); size > 0; --size)
        object.insert(text(in), value(in, depth + 1));
    return object;
}

QJsonValue value(FuzzedDataProvider &in, int depth)
{
    switch (in.ConsumeIntegralInRange(0, depth < 4 ? 6 : 4)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return in.ConsumeBool();
    case 2:
        return in.ConsumeIntegral<qint64>();
    case 3:
        return in.ConsumeFloatingPoint<double>();
    case 4:
        return text(in);
    case 5: {
        QJsonArray array;
        for (int size = in.ConsumeIntegralInRange(0, 4); size > 0; --size)
            array.append(value(in, depth + 1));
        return array;
    }
    default:
        return object(in, depth);
    }
}

void checkString(const QString &text)
{
    QByteArray ours;
    appendJsonString(ours, text);
    const QByteArray theirs = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    FUZZ_CHECK('[' + ours + ']' == theirs);
    FUZZ_CHECK(QJsonDocument::fromJson('[' + ours + ']').array().at(0).toString() == text);
}

// The UTF-8 writer, on valid UTF-8 (what it is for), writes what the UTF-16 one writes.
void checkUtf8String(const QByteArray &utf8)
{
    const QString text = QString::fromUtf8(utf8);
    if (text.toUtf8() != utf8)
        return;
    QByteArray ours;
    appendJsonStringFromUtf8(ours, utf8);
    QByteArray theirs;
    appendJsonString(theirs, text);
    FUZZ_CHECK(ours == theirs);
}

// What QJsonDocument reads `ours` as, checking that it writes the same bytes for it.
QJsonObject readBack(const QByteArray &ours)
{
    QJsonParseError error;
    const QJsonObject read = QJsonDocument::fromJson(ours, &error).object();
    FUZZ_CHECK(error.error == QJsonParseError::NoError && compact(read) == ours);
    return read;
}

void checkMessage(FuzzedDataProvider &in)
{
    ChatMessage message;
    message.topicId = text(in);
    message.seqId = in.ConsumeIntegral<qint64>();
    message.fromId = in.ConsumeIntegral<qint64>();
    message.name = text(in);
    message.content = object(in, 0);
    message.recipientId = in.ConsumeIntegral<qint64>();
    message.read = in.ConsumeBool();
    message.createdAtMs = in.ConsumeIntegral<qint64>();
    // The content as the server stores it: as received, in compact form.
    const QByteArray ours = messagePacketJson(message.toCompactJson(compact(message.content)));
    FUZZ_CHECK(ours == compact(messagePacket(message)));
    FUZZ_CHECK(readBack(ours) == messagePacket(message));
}

void checkEnvelope(FuzzedDataProvider &in)
{
    const int status = in.ConsumeIntegral<int>();
    const QJsonObject data = object(in, 0);
    // Both stamp the time of writing: the same `ts` only within one millisecond.
    QJsonObject expected = successEnvelope(status, data);
    QJsonObject read = readBack(successEnvelopeJson(status, compact(data)));
    FUZZ_CHECK(read.take(QLatin1String("ts")).isString());
    expected.remove(QLatin1String("ts"));
    FUZZ_CHECK(read == expected);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    checkString(text(in));
    checkUtf8String(QByteArray::fromStdString(in.ConsumeRandomLengthString(64)));
    checkMessage(in);
    checkEnvelope(in);
    return 0;
}
