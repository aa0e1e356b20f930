// Reads arbitrary bytes as a message journal file (MessageJournal::read, what opening the journal
// does with each file) and checks: no crash, nothing read past the bytes, and what was read,
// written again as the journal writes it, reads back the same and whole.
#include "FuzzCheck.h"
#include "storage/MessageJournal.h"

#include <QtEndian>

using namespace harajchat;

// In the records' namespace, where QList's comparison finds them.
namespace harajchat {
static bool operator==(const PushRecord &a, const PushRecord &b)
{
    return a.topicId == b.topicId && a.seqId == b.seqId && a.token == b.token &&
           a.platform == b.platform && a.recipientId == b.recipientId &&
           a.messageJson == b.messageJson && a.createdAtMs == b.createdAtMs &&
           a.expiresAtMs == b.expiresAtMs && a.attempts == b.attempts;
}

static bool operator==(const PendingPush &a, const PendingPush &b)
{
    return a.record == b.record && a.settled == b.settled;
}

static bool operator==(const PendingMessage &a, const PendingMessage &b)
{
    const StoredMessage &x = a.message;
    const StoredMessage &y = b.message;
    return x.topicId == y.topicId && x.seqId == y.seqId && x.fromId == y.fromId &&
           x.contentJson == y.contentJson && x.createdAtMs == y.createdAtMs &&
           a.clientMsgId == b.clientMsgId && a.pushes == b.pushes;
}

static bool operator==(const SettledPush &a, const SettledPush &b)
{
    return a.topicId == b.topicId && a.seqId == b.seqId && a.token == b.token;
}
} // namespace harajchat

namespace {
// Random bytes almost never carry a right CRC, so the payload decoder would see little but the
// seeds: a copy of each input gets the CRCs of its records fixed, one record at a time.
QByteArray withCrcsFixed(QByteArrayView file)
{
    QByteArray fixed = file.toByteArray();
    for (qsizetype at = 0; fixed.size() - at >= MessageJournal::HeaderSize;) {
        const quint32 size = qFromLittleEndian<quint32>(fixed.constData() + at);
        if (size == 0 || fixed.size() - at - MessageJournal::HeaderSize < qsizetype(size))
            break;
        QByteArray record = fixed.mid(at, MessageJournal::HeaderSize + size);
        MessageJournal::stamp(record, qFromLittleEndian<quint32>(record.constData() + 4));
        fixed.replace(at, record.size(), record);
        at += record.size();
    }
    return fixed;
}

void checkRead(QByteArrayView file)
{
    const JournalContent found = MessageJournal::read(file);
    FUZZ_CHECK(found.intactSize >= 0 && found.intactSize <= file.size());
    FUZZ_CHECK((found.generation == 0) == (found.intactSize == 0));
    if (found.generation == 0)
        return;

    QByteArray again = MessageJournal::encode(found.messages, found.settled);
    MessageJournal::stamp(again, found.generation);
    const JournalContent reread = MessageJournal::read(again);
    FUZZ_CHECK(reread.intactSize == again.size() && reread.generation == found.generation);
    FUZZ_CHECK(reread.messages == found.messages && reread.settled == found.settled);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView file(reinterpret_cast<const char *>(data), qsizetype(size));
    checkRead(file);
    checkRead(withCrcsFixed(file));
    return 0;
}
