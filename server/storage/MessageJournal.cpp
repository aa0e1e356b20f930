#include "storage/MessageJournal.h"

#include "app/Logging.h"
#include "storage/PlatformFile.h"

#include <QDateTime>
#include <QSet>
#include <QtEndian>
#include <algorithm>
#include <variant>

namespace harajchat {

namespace {
// Each file is preallocated (written with zeros once): a sync then flushes data blocks only, no
// file size or extent changes, which on this class of disk costs about a third less.
constexpr qint64 FileCapacity = 16 * 1024 * 1024;

quint32 crc32(const char *data, qsizetype size, quint32 crc = 0)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> entries{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 value = i;
            for (int bit = 0; bit < 8; ++bit)
                value = (value & 1) ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            entries[i] = value;
        }
        return entries;
    }();
    crc = ~crc;
    for (qsizetype i = 0; i < size; ++i)
        crc = table[(crc ^ quint8(data[i])) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

// A record's CRC: over its generation and its payload (the `size` bytes after the header).
quint32 recordCrc(const char *header, quint32 size)
{
    return crc32(header + MessageJournal::HeaderSize, size, crc32(header + 4, 4));
}

template <typename T> void appendNumber(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

void appendBytes(QByteArray &out, const QByteArray &bytes)
{
    appendNumber<quint32>(out, quint32(bytes.size()));
    out.append(bytes);
}

// Reads a record's payload; false when it does not parse (a record that passed its CRC always
// does, unless written by another format).
class PayloadReader
{
public:
    explicit PayloadReader(QByteArrayView payload)
        : m_payload(payload)
    {}
    template <typename T> bool number(T *value)
    {
        if (m_payload.size() - m_at < qsizetype(sizeof(T)))
            return false;
        *value = qFromLittleEndian<T>(m_payload.data() + m_at);
        m_at += sizeof(T);
        return true;
    }
    bool bytes(QByteArray *value)
    {
        quint32 size = 0;
        if (!number(&size) || m_payload.size() - m_at < qsizetype(size))
            return false;
        *value = m_payload.sliced(m_at, size).toByteArray();
        m_at += size;
        return true;
    }
    bool atEnd() const { return m_at == m_payload.size(); }

private:
    QByteArrayView m_payload;
    qsizetype m_at = 0;
};

// A settled-push record starts with this where a message record has its (positive) seq id.
constexpr qint64 SettledMarker = -1;

// A record is a message (its pushes after the content, when it has any; records of older builds
// end with the content) or a settled push.
using Record = std::variant<PendingMessage, SettledPush>;

bool decodePushes(PayloadReader &reader, PendingMessage &pending)
{
    quint32 count = 0;
    qint64 recipientId = 0;
    qint64 expiresAtMs = 0;
    QByteArray messageJson;
    if (!reader.number(&count) || !reader.number(&recipientId) || !reader.number(&expiresAtMs) ||
        !reader.bytes(&messageJson))
        return false;
    for (quint32 i = 0; i < count; ++i) {
        QByteArray token;
        QByteArray platform;
        if (!reader.bytes(&token) || !reader.bytes(&platform))
            return false;
        const StoredMessage &message = pending.message;
        pending.pushes.append(
            {{message.topicId, message.seqId, QString::fromUtf8(token), QString::fromUtf8(platform),
              recipientId, messageJson, message.createdAtMs, expiresAtMs, 0},
             false,
             {},
             0});
    }
    return reader.atEnd();
}

std::optional<Record> decode(QByteArrayView payload)
{
    PayloadReader reader(payload);
    qint64 first = 0;
    if (!reader.number(&first))
        return std::nullopt;
    QByteArray topicId;
    if (first == SettledMarker) {
        SettledPush settled;
        QByteArray token;
        if (!reader.bytes(&topicId) || !reader.number(&settled.seqId) || !reader.bytes(&token) ||
            !reader.atEnd())
            return std::nullopt;
        settled.topicId = QString::fromUtf8(topicId);
        settled.token = QString::fromUtf8(token);
        return settled;
    }
    PendingMessage pending;
    StoredMessage &message = pending.message;
    message.seqId = first;
    QByteArray clientMsgId;
    if (!reader.number(&message.fromId) || !reader.number(&message.createdAtMs) ||
        !reader.bytes(&topicId) || !reader.bytes(&clientMsgId) ||
        !reader.bytes(&message.contentJson))
        return std::nullopt;
    message.topicId = QString::fromUtf8(topicId);
    pending.clientMsgId = QString::fromUtf8(clientMsgId);
    if (!reader.atEnd() && !decodePushes(reader, pending))
        return std::nullopt;
    return pending;
}

// The header of a record whose payload follows at `start`, once its size is known.
void finishRecord(QByteArray &out, qsizetype start)
{
    qToLittleEndian(quint32(out.size() - start - MessageJournal::HeaderSize), out.data() + start);
}

// QFile reports an error only for a write that took nothing: after a short write (a full disk,
// a file size limit) the rest is written again, so the failure shows with the OS's own reason.
bool writeAll(QFile &file, const QByteArray &bytes)
{
    for (qint64 written = 0; written < bytes.size();) {
        const qint64 taken = file.write(bytes.constData() + written, bytes.size() - written);
        if (taken <= 0)
            return false;
        written += taken;
    }
    return true;
}

[[noreturn]] void fail(const QString &fileName, const char *what, const QString &reason)
{
    throw StorageError(QStringLiteral("message journal %1: %2 (%3)")
                           .arg(fileName, QLatin1String(what), reason)
                           .toStdString());
}

[[noreturn]] void fail(const QFile &file, const char *what)
{
    fail(file.fileName(), what, file.errorString());
}

// With real zeros: blocks that are merely reserved still change metadata when first written.
// A file that cannot be filled goes back to its records (or away, when it had none): a daemon
// that fails to start must not leave the disk fuller than it found it.
void preallocate(QFile &file, qint64 recordsSize)
{
    const QByteArray zeros(64 * 1024, '\0');
    file.seek(recordsSize);
    for (qint64 size = recordsSize; size < FileCapacity; size += zeros.size()) {
        if (!writeAll(file, zeros)) {
            const QString reason = file.errorString();
            if (recordsSize == 0)
                file.remove();
            else
                file.resize(recordsSize);
            fail(file.fileName(), "cannot preallocate", reason);
        }
    }
    if (!syncFileData(int(file.handle())))
        fail(file, "cannot sync");
}

} // namespace

MessageJournal::MessageJournal(const QString &databasePath, bool durable)
    : m_basePath(databasePath + QStringLiteral("-msglog"))
    , m_durable(durable)
{
    QVector<SettledPush> settled;
    for (int index = 0; index < FileCount; ++index) {
        openFile(index);
        if (index == 0 && !lockFileExclusively(int(m_files[0].handle())))
            throw StorageError("another process (a running harajchatd?) holds " +
                               m_files[0].fileName().toStdString());
        readFile(index, &settled);
    }
    // A settled mark is in the file written at its time, never older than its message's.
    QSet<QString> settledKeys;
    for (const SettledPush &push : settled)
        settledKeys.insert(pushKey(push.topicId, push.seqId, push.token));
    for (PendingMessage &message : m_recovered) {
        for (PendingPush &push : message.pushes)
            push.settled = settledKeys.contains(push.record.key());
    }
    // Older rounds first, so a topic's records arrive in order.
    std::stable_sort(m_recovered.begin(), m_recovered.end(),
                     [this](const PendingMessage &a, const PendingMessage &b) {
                         return m_fileGeneration[a.journalFile] < m_fileGeneration[b.journalFile];
                     });
    // Past every generation on disk, and past the previous run's (whose files a clean stop marked
    // empty): stale records of an earlier round can never pass for this round's.
    m_nextGeneration =
        std::max(*std::max_element(m_fileGeneration.begin(), m_fileGeneration.end()) + 1,
                 quint32(QDateTime::currentSecsSinceEpoch()));
    startFile(0);
}

MessageJournal::~MessageJournal() = default;

void MessageJournal::openFile(int index)
{
    QFile &file = m_files[index];
    file.setFileName(m_basePath + QStringLiteral("-%1").arg(index));
    if (!file.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        fail(file, "cannot open");
}

void MessageJournal::readFile(int index, QVector<SettledPush> *settled)
{
    QFile &file = m_files[index];
    const QByteArray content = file.readAll();
    JournalContent found = read(content);
    for (PendingMessage &message : found.messages) {
        message.journalFile = index;
        m_recovered.append(std::move(message));
    }
    settled->append(found.settled);
    m_fileGeneration[index] = found.generation;
    if (found.intactSize > 0)
        qCInfo(lcStorage) << "message journal" << file.fileName() << "holds" << found.intactSize
                          << "bytes of records";
    if (content.size() >= FileCapacity)
        return;
    preallocate(file, content.size());
}

void MessageJournal::startFile(int index)
{
    m_current = index;
    m_position = 0;
    m_fileGeneration[index] = m_nextGeneration++;
}

void MessageJournal::clearRecovered()
{
    m_recovered.clear();
    startFile(0);
}

void MessageJournal::retire()
{
    const QByteArray emptyHeader(HeaderSize, '\0');
    for (QFile &file : m_files) {
        if (!file.seek(0) || file.write(emptyHeader) != HeaderSize ||
            (m_durable && !syncFileData(int(file.handle()))))
            fail(file, "cannot mark empty");
    }
    startFile(0);
}

QByteArray MessageJournal::encode(const QVector<PendingMessage> &messages,
                                  const QVector<SettledPush> &settled)
{
    QByteArray out;
    for (const PendingMessage &pending : messages) {
        const StoredMessage &message = pending.message;
        const qsizetype start = out.size();
        out.append(HeaderSize, '\0'); // filled in by append(), which knows the generation
        appendNumber<qint64>(out, message.seqId);
        appendNumber<qint64>(out, message.fromId);
        appendNumber<qint64>(out, message.createdAtMs);
        appendBytes(out, message.topicId.toUtf8());
        appendBytes(out, pending.clientMsgId.toUtf8());
        appendBytes(out, message.contentJson);
        if (!pending.pushes.isEmpty()) {
            // What every push of a message shares, once; then each device.
            const PushRecord &first = pending.pushes.constFirst().record;
            appendNumber<quint32>(out, quint32(pending.pushes.size()));
            appendNumber<qint64>(out, first.recipientId);
            appendNumber<qint64>(out, first.expiresAtMs);
            appendBytes(out, first.messageJson);
            for (const PendingPush &push : pending.pushes) {
                appendBytes(out, push.record.token.toUtf8());
                appendBytes(out, push.record.platform.toUtf8());
            }
        }
        finishRecord(out, start);
    }
    for (const SettledPush &push : settled) {
        const qsizetype start = out.size();
        out.append(HeaderSize, '\0');
        appendNumber<qint64>(out, SettledMarker);
        appendBytes(out, push.topicId.toUtf8());
        appendNumber<qint64>(out, push.seqId);
        appendBytes(out, push.token.toUtf8());
        finishRecord(out, start);
    }
    return out;
}

bool MessageJournal::hasRoomFor(qint64 bytes) const
{
    return m_position == 0 || m_position + bytes <= FileCapacity;
}

void MessageJournal::stamp(QByteArray &records, quint32 generation)
{
    for (qsizetype at = 0; at < records.size();) {
        char *header = records.data() + at;
        const quint32 size = qFromLittleEndian<quint32>(header);
        qToLittleEndian(generation, header + 4);
        qToLittleEndian(recordCrc(header, size), header + 8);
        at += HeaderSize + size;
    }
}

JournalContent MessageJournal::read(QByteArrayView content)
{
    JournalContent found;
    qsizetype &at = found.intactSize;
    while (content.size() - at >= HeaderSize) {
        const char *header = content.data() + at;
        const quint32 size = qFromLittleEndian<quint32>(header);
        const quint32 recordGeneration = qFromLittleEndian<quint32>(header + 4);
        const quint32 crc = qFromLittleEndian<quint32>(header + 8);
        if (size == 0 || content.size() - at - HeaderSize < qsizetype(size) ||
            recordGeneration == 0 ||
            (found.generation != 0 && recordGeneration != found.generation) ||
            recordCrc(header, size) != crc)
            break; // the end of this round: zeros, a torn write, or an older round's records
        std::optional<Record> record = decode(content.sliced(at + HeaderSize, size));
        if (!record)
            break;
        found.generation = recordGeneration;
        if (auto *message = std::get_if<PendingMessage>(&*record))
            found.messages.append(std::move(*message));
        else
            found.settled.append(std::get<SettledPush>(*record));
        at += HeaderSize + size;
    }
    return found;
}

int MessageJournal::append(QByteArray stamped)
{
    if (!hasRoomFor(stamped.size()))
        startFile(otherFile());
    stamp(stamped, m_fileGeneration[m_current]);
    QFile &file = m_files[m_current];
    if (!file.seek(m_position) || !writeAll(file, stamped))
        fail(file, "cannot write");
    if (m_durable && !syncFileData(int(file.handle())))
        fail(file, "cannot sync");
    m_position += stamped.size();
    return m_current;
}

} // namespace harajchat
