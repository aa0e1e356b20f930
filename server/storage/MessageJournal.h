#pragma once

#include "storage/Storage.h"

#include <QFile>
#include <array>

namespace harajchat {

// A push stored with a buffered message: it reaches the outbox table only if it is still
// unsettled when its message reaches the tables (or on replay after a crash).
struct PendingPush
{
    PushRecord record;
    bool settled = false; // FCM took it, refused it, or it moved to the outbox table
    // In memory only: whom it is leased to while in flight. A replayed push is leased to nobody.
    QString leaseHolder;
    qint64 leaseUntilMs = 0;
};

// A message accepted but not yet in the database's tables (see MessageBuffer).
struct PendingMessage
{
    StoredMessage message; // `fromName` and `read` are not journaled
    QString clientMsgId;
    QVector<PendingPush> pushes; // journaled with the message, settled ones by later records
    int journalFile = 0;         // which journal file holds it
    quint64 serial = 0;          // commit order, oldest first
};

// A push of a buffered message that needs no outbox row any more.
struct SettledPush
{
    QString topicId;
    qint64 seqId = 0;
    QString token;
};

// What a journal file's bytes hold: its intact records of one round, up to the first that is not.
struct JournalContent
{
    QVector<PendingMessage> messages; // journalFile not set
    QVector<SettledPush> settled;
    quint32 generation = 0; // of the records read; 0 when there are none
    qsizetype intactSize = 0;
};

// The append-only journal behind the message buffer of an embedded (SQLite) database: two
// preallocated files beside the database, `<db>-msglog-0` and `-1`, written in turn. A batch's
// messages are one write and one sync, far cheaper than a database commit that writes an index
// page per message. A file is reused once none of its messages waits for the database; records
// carry the file's generation and a CRC32, so replay stops at a torn tail or at an older round.
class MessageJournal
{
public:
    static constexpr int FileCount = 2;
    // A record's header: payload size, generation, CRC32 of generation and payload.
    static constexpr int HeaderSize = 12;

    // Locks the journal (one daemon per database: the first file is locked while open), reads what
    // the files hold and prepares them.
    // `durable`: sync every append (synchronous FULL/EXTRA); otherwise a crash of the process
    // loses nothing, a crash of the machine may. Throws StorageError.
    MessageJournal(const QString &databasePath, bool durable);
    ~MessageJournal();
    MessageJournal(const MessageJournal &) = delete;
    MessageJournal &operator=(const MessageJournal &) = delete;

    // Every intact message found when opening, some perhaps in the database already; their pushes
    // carry the settled marks found too.
    const QVector<PendingMessage> &recovered() const { return m_recovered; }
    // The recovered records are in the database: both files are free, writing starts over.
    void clearRecovered();
    // Every record is in the database: the files are marked empty for the next start.
    void retire();

    // Records of the messages (with their pushes) and of pushes settled since.
    static QByteArray encode(const QVector<PendingMessage> &messages,
                             const QVector<SettledPush> &settled = {});
    // Stamps encoded records with a file's generation and their CRCs, as append() writes them.
    static void stamp(QByteArray &records, quint32 generation);
    // Reads a file's records as opening does (a separate step for tests and fuzzing).
    static JournalContent read(QByteArrayView content);
    int currentFile() const { return m_current; }
    int otherFile() const { return 1 - m_current; }
    // False when `bytes` more need the other file (which must be free by then).
    bool hasRoomFor(qint64 bytes) const;
    // Writes the encoded records (moving to the other file first when this one is full) and, when
    // durable, waits for the disk; returns the file that holds them. Throws StorageError.
    int append(QByteArray records);

private:
    void openFile(int index);
    void readFile(int index, QVector<SettledPush> *settled);
    void startFile(int index);

    QString m_basePath;
    bool m_durable;
    std::array<QFile, FileCount> m_files;
    std::array<quint32, FileCount> m_fileGeneration{};
    QVector<PendingMessage> m_recovered;
    int m_current = 0;
    qint64 m_position = 0;
    quint32 m_nextGeneration = 1;
};

} // namespace harajchat
