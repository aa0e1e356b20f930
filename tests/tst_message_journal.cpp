// The SQLite message journal and buffer behind SqlStorage: what a crash leaves is replayed once,
// a torn tail ends the replay, failed jobs take their changes back, the files take turns.
#include "TestDatabase.h"
#include "TestMain.h"
#include "storage/SqlStorage.h"
#include "storage/StorageQueue.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace harajchat;

namespace {
const QString Topic = QStringLiteral("p2p1_2");

QByteArray content(int n)
{
    return "{\"n\":" + QByteArray::number(n) + "}";
}

QList<qint64> seqIdsOf(const QVector<StoredMessage> &messages)
{
    QList<qint64> seqIds;
    for (const StoredMessage &message : messages)
        seqIds.prepend(message.seqId); // history is newest first
    return seqIds;
}
} // namespace

class MessageJournalTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    StorageSettings settings(const QString &name) const
    {
        StorageSettings settings;
        settings.path = m_dir.filePath(name);
        return settings;
    }

    // Users 1 and 2 and their topic.
    static std::unique_ptr<SqlStorage> openWithATopic(const StorageSettings &settings)
    {
        auto storage = std::make_unique<SqlStorage>(settings);
        storage->migrate();
        storage->insertUser(1, QStringLiteral("a"), QString());
        storage->insertUser(2, QStringLiteral("b"), QString());
        storage->ensureTopic(1, 2);
        return storage;
    }

    static MessageInsert send(Storage &storage, int n, qint64 fromId = 1)
    {
        return storage.insertMessage(Topic, fromId, QStringLiteral("a"), content(n), QString(),
                                     1000 + n, 0);
    }

    // Sends messages `first` to `last` from user 1; returns their seq ids.
    static QList<qint64> sendRange(Storage &storage, int first, int last)
    {
        QList<qint64> seqIds;
        for (int n = first; n <= last; ++n)
            seqIds.append(send(storage, n).message.seqId);
        return seqIds;
    }

    // What a machine that lost power right now would leave on disk (the files a running daemon
    // holds, less its lock).
    StorageSettings crashCopyOf(const StorageSettings &live, const QString &name) const
    {
        const StorageSettings copy = settings(name);
        for (const char *suffix : {"", "-wal", "-msglog-0", "-msglog-1"}) {
            const QString from = live.path + QLatin1String(suffix);
            if (QFile::exists(from))
                QFile::copy(from, copy.path + QLatin1String(suffix));
        }
        return copy;
    }

    // Runs one statement on a connection of its own, as a tool would.
    static void runBehind(const StorageSettings &settings, const QString &statement)
    {
        {
            QSqlDatabase db = openDatabase(settings, QStringLiteral("behind"));
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("behind"));
    }

    // The topic's contents, oldest first.
    static QList<QByteArray> contentsOf(Storage &storage)
    {
        QList<QByteArray> found;
        for (const StoredMessage &message : storage.history(Topic, HistoryQuery{}))
            found.prepend(message.contentJson);
        return found;
    }

    // A started queue over a database with the topic and message 1 sent; null when it failed.
    static std::unique_ptr<StorageQueue> queueWithOneMessage(const StorageSettings &file)
    {
        openWithATopic(file); // created, and closed again
        auto queue = std::make_unique<StorageQueue>(file);
        QString error;
        if (!queue->start(&error) ||
            !queue->call<MessageInsert>([](Storage &s) { return send(s, 1); }).ok)
            return nullptr;
        return queue;
    }

    // The queue, and the database after the queue stopped (which applies everything), hold
    // `expected` (oldest first) with user 2's unread count.
    static void expectStored(StorageQueue &queue, const StorageSettings &file,
                             const QList<QByteArray> &expected, int unread)
    {
        QCOMPARE(queue.call<QList<QByteArray>>(contentsOf).value, expected);
        QCOMPARE(queue.call<int>([](Storage &s) { return unreadOf(s, 2); }).value, unread);
        queue.stop();
        SqlStorage reopened(file);
        reopened.migrate();
        QCOMPARE(contentsOf(reopened), expected);
        QCOMPARE(unreadOf(reopened, 2), unread);
    }

    // A send with a push to each of `tokens`, in one job as the send path runs it; the pushes
    // are leased to "node-a". Returns the message's seq id (0 when the job failed).
    static qint64 sendWithPushes(StorageQueue &queue, int n, const QStringList &tokens)
    {
        return queue
            .call<qint64>([n, tokens](Storage &storage) {
                // Sent now: it waits in the buffer (and only there) for seconds.
                const StoredMessage message =
                    storage
                        .insertMessage(Topic, 2, QStringLiteral("b"), content(n), QString(),
                                       QDateTime::currentMSecsSinceEpoch(), 0)
                        .message;
                QVector<PushRecord> pushes;
                for (const QString &token : tokens)
                    pushes.append({Topic, message.seqId, token, QStringLiteral("android"), 1,
                                   "{\"m\":" + QByteArray::number(n) + "}", 5000, 9999999999999,
                                   0});
                storage.enqueuePushes(pushes, QStringLiteral("node-a"), 7777, 100);
                return message.seqId;
            })
            .value;
    }

    static int settle(StorageQueue &queue, qint64 seqId, const QString &token)
    {
        return queue
            .call<int>([seqId, token](Storage &storage) {
                PushRecord push{Topic, seqId, token, QStringLiteral("android"), 1, {}, 0, 0, 0};
                return storage.settlePushes({{PushSettlement::Done, push, 0, {}}});
            })
            .value;
    }

    // The outbox's rows as "token@seq leased-by next-attempt", sorted.
    static QStringList outboxOf(const StorageSettings &file)
    {
        QStringList rows;
        {
            QSqlDatabase db = openDatabase(file, QStringLiteral("outbox"));
            QSqlQuery query(QStringLiteral("SELECT token, seq_id, COALESCE(leased_by, '-'),"
                                           " next_attempt_at, message FROM push_outbox"),
                            db);
            while (query.next())
                rows.append(QStringLiteral("%1@%2 %3 %4 %5")
                                .arg(query.value(0).toString())
                                .arg(query.value(1).toLongLong())
                                .arg(query.value(2).toString())
                                .arg(query.value(3).toLongLong())
                                .arg(query.value(4).toString()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("outbox"));
        rows.sort();
        return rows;
    }

    static int unreadOf(Storage &storage, qint64 userId)
    {
        const QVector<TopicSummary> topics = storage.topicsOf(userId);
        return topics.isEmpty() ? -1 : topics.first().unread;
    }

private slots:
    void initTestCase()
    {
        if (test::testingPostgres())
            QSKIP("the message journal is SQLite's");
    }

    void sendsSurviveACrashInTheJournal()
    {
        const StorageSettings live = settings(QStringLiteral("crash.sqlite"));
        const std::unique_ptr<SqlStorage> storage = openWithATopic(live);
        const QList<qint64> sent = sendRange(*storage, 1, 5);
        // Buffered, yet read back whole and counted.
        QCOMPARE(seqIdsOf(storage->history(Topic, HistoryQuery{})), sent);
        QCOMPARE(unreadOf(*storage, 2), 5);

        SqlStorage recovered(crashCopyOf(live, QStringLiteral("crash-copy.sqlite")));
        recovered.migrate();
        QCOMPARE(seqIdsOf(recovered.history(Topic, HistoryQuery{})), sent);
        QCOMPARE(recovered.history(Topic, HistoryQuery{}).first().contentJson, content(5));
        QCOMPARE(unreadOf(recovered, 2), 5);
        QCOMPARE(unreadOf(recovered, 1), 0);
    }

    // Reading marks applies the topic's buffered messages; the journal still holds them, and the
    // replay must neither insert nor count them twice.
    void replaySkipsWhatTheTablesHold()
    {
        const StorageSettings live = settings(QStringLiteral("partial.sqlite"));
        const std::unique_ptr<SqlStorage> storage = openWithATopic(live);
        QList<qint64> sent = sendRange(*storage, 1, 3);
        QCOMPARE(storage->markRead(Topic, 1, {sent.first()}, 5000), QVector<qint64>{sent.first()});
        sent += sendRange(*storage, 4, 5);
        QCOMPARE(unreadOf(*storage, 2), 4);

        SqlStorage recovered(crashCopyOf(live, QStringLiteral("partial-copy.sqlite")));
        recovered.migrate();
        const QVector<StoredMessage> history = recovered.history(Topic, HistoryQuery{});
        QCOMPARE(seqIdsOf(history), sent);
        QVERIFY(history.last().read);
        QCOMPARE(unreadOf(recovered, 2), 4);
    }

    // A client_msg_id reused after the dedupe window: the journal holds both sends with the same
    // id, the table the first without it. The replay keeps the table as it is and adds the second.
    void aReusedClientMsgIdReplays()
    {
        const StorageSettings live = settings(QStringLiteral("reuse.sqlite"));
        const std::unique_ptr<SqlStorage> storage = openWithATopic(live);
        const QString id = QStringLiteral("c1");
        const MessageInsert first =
            storage->insertMessage(Topic, 1, QStringLiteral("a"), content(1), id, 1000, 0);
        const MessageInsert second =
            storage->insertMessage(Topic, 1, QStringLiteral("a"), content(2), id, 90000, 50000);
        QCOMPARE(second.outcome, MessageInsert::Stored);

        SqlStorage recovered(crashCopyOf(live, QStringLiteral("reuse-copy.sqlite")));
        recovered.migrate();
        QCOMPARE(seqIdsOf(recovered.history(Topic, HistoryQuery{})),
                 (QList<qint64>{first.message.seqId, second.message.seqId}));
        const MessageInsert retry =
            recovered.insertMessage(Topic, 1, QStringLiteral("a"), content(3), id, 90001, 50000);
        QCOMPARE(retry.outcome, MessageInsert::Duplicate);
        QCOMPARE(retry.message.seqId, second.message.seqId);
    }

    // A start that fails before the replay (here: a schema from a newer build) must leave the
    // journal as it found it, for the start that succeeds.
    void aFailedStartKeepsTheJournal()
    {
        const StorageSettings live = settings(QStringLiteral("failed.sqlite"));
        const std::unique_ptr<SqlStorage> storage = openWithATopic(live);
        const QList<qint64> sent = sendRange(*storage, 1, 5);
        const StorageSettings copy = crashCopyOf(live, QStringLiteral("failed-copy.sqlite"));
        runBehind(copy, QStringLiteral("INSERT INTO schema_migrations VALUES (999, 0)"));
        {
            SqlStorage refused(copy);
            QVERIFY_THROWS_EXCEPTION(StorageError, refused.migrate());
        }
        runBehind(copy, QStringLiteral("DELETE FROM schema_migrations WHERE version = 999"));
        SqlStorage recovered(copy);
        recovered.migrate();
        QCOMPARE(seqIdsOf(recovered.history(Topic, HistoryQuery{})), sent);
        QCOMPARE(unreadOf(recovered, 2), 5);
    }

    void aTornTailEndsTheReplay()
    {
        const StorageSettings live = settings(QStringLiteral("torn.sqlite"));
        const std::unique_ptr<SqlStorage> storage = openWithATopic(live);
        const QList<qint64> sent = sendRange(*storage, 1, 3);
        storage->insertMessage(Topic, 1, QStringLiteral("a"), "{\"last\":\"torn\"}", QString(),
                               2000, 0);

        const StorageSettings copy = crashCopyOf(live, QStringLiteral("torn-copy.sqlite"));
        QFile journal(copy.path + QStringLiteral("-msglog-0"));
        QVERIFY(journal.open(QIODevice::ReadWrite));
        const qsizetype at = journal.readAll().indexOf("torn");
        QVERIFY(at > 0);
        journal.seek(at);
        journal.write("TORN"); // the power went while this record was being written
        journal.close();

        SqlStorage recovered(copy);
        recovered.migrate();
        QCOMPARE(seqIdsOf(recovered.history(Topic, HistoryQuery{})), sent);
        QCOMPARE(unreadOf(recovered, 2), 3);
    }

    void oneProcessPerJournal()
    {
        const StorageSettings file = settings(QStringLiteral("locked.sqlite"));
        {
            SqlStorage first(file);
            QVERIFY_THROWS_EXCEPTION(StorageError, SqlStorage second(file));
            // The command line shares the database, not the journal.
            StorageSettings tool = file;
            tool.messageJournal = false;
            SqlStorage commandLine(tool);
        }
        SqlStorage afterwards(file);
    }

#ifdef Q_OS_UNIX
    void aFileThatCannotBePreallocatedSaysWhyAndGoes()
    {
        // A file size limit a little over 1 MiB: the preallocation's write that crosses it is cut
        // short, the next one fails with EFBIG (SIGXFSZ ignored, as a write then just fails).
        const StorageSettings file = settings(QStringLiteral("limited.sqlite"));
        rlimit original{};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &original) == 0);
        rlimit limited = original;
        limited.rlim_cur = 1024 * 1024 + 1000;
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
        QString error;
        try {
            SqlStorage storage(file);
        } catch (const StorageError &e) {
            error = QString::fromStdString(e.what());
        }
        ::setrlimit(RLIMIT_FSIZE, &original);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY2(error.contains(QStringLiteral("cannot preallocate (File too large)")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(file.path + QStringLiteral("-msglog-0")));
    }
#endif

    // In one batch: a send, a job that applies the topic and sends, then fails, and a send. The
    // failed job's message goes, and what it applied comes back to the buffer, once.
    void aFailedJobTakesItsChangesBack()
    {
        const StorageSettings file = settings(QStringLiteral("rollback.sqlite"));
        const std::unique_ptr<StorageQueue> started = queueWithOneMessage(file);
        QVERIFY(started);
        StorageQueue &queue = *started;

        QObject context;
        QList<bool> outcomes;
        const auto record = [&outcomes](StorageResult<bool> result) { outcomes.append(result.ok); };
        queue.submit<bool>(
            &context, [](Storage &s) { return send(s, 2).outcome == MessageInsert::Stored; },
            record);
        queue.submit<bool>(
            &context,
            [](Storage &s) -> bool {
                s.markRead(Topic, 2, {}, 5000); // applies the topic's buffered messages
                send(s, 3);
                throw StorageError("deliberate failure");
            },
            record);
        queue.submit<bool>(
            &context, [](Storage &s) { return send(s, 4).outcome == MessageInsert::Stored; },
            record);
        QTRY_COMPARE(outcomes, (QList<bool>{true, false, true}));

        expectStored(queue, file, {content(1), content(2), content(4)}, 3);
    }

    // Another process holds SQLite's write lock past the busy timeout: no transaction can begin.
    // The jobs fail, nothing is half-written, and the buffer is as before (about 10 s: two busy
    // timeouts).
    void aTransactionThatCannotBeginFailsCleanly()
    {
        const StorageSettings file = settings(QStringLiteral("busy.sqlite"));
        const std::unique_ptr<StorageQueue> started = queueWithOneMessage(file);
        QVERIFY(started);
        StorageQueue &queue = *started;

        const QString holder = QStringLiteral("holder");
        {
            QSqlDatabase db = openDatabase(file, holder);
            QSqlQuery lock(db);
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QObject context;
            QList<bool> outcomes;
            const auto record = [&outcomes](StorageResult<bool> result) {
                outcomes.append(result.ok);
            };
            queue.submit<bool>(
                &context, [](Storage &s) { return s.markRead(Topic, 1, {}, 5000).isEmpty(); },
                record);
            queue.submit<bool>(
                &context, [](Storage &s) { return send(s, 2).outcome == MessageInsert::Stored; },
                record);
            QTRY_COMPARE_WITH_TIMEOUT(outcomes, (QList<bool>{false, false}), 60000);
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        }
        QSqlDatabase::removeDatabase(holder);

        expectStored(queue, file, {content(1)}, 1);
    }

    // Buffered messages reach the tables within seconds even when nothing else comes, so the
    // database file alone (a backup, a tool) soon has them.
    void aQuietQueueMovesMessagesToTheTables()
    {
        const StorageSettings file = settings(QStringLiteral("quiet.sqlite"));
        const std::unique_ptr<StorageQueue> started = queueWithOneMessage(file);
        QVERIFY(started);
        StorageQueue &queue = *started;

        const auto rowsInTable = [&file] {
            int rows = -1;
            {
                QSqlDatabase db = openDatabase(file, QStringLiteral("reader"));
                QSqlQuery query(QStringLiteral("SELECT COUNT(*) FROM messages"), db);
                if (query.next())
                    rows = query.value(0).toInt();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("reader"));
            return rows;
        };
        QCOMPARE(rowsInTable(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(rowsInTable(), 1, 10000);
        queue.stop();
    }

    // Large messages fill a journal file quickly: writing moves to the other file, and back to the
    // first once its messages are in the tables.
    // Pushes stored with a message ride in its journal record; a settled mark follows in a later
    // record. After a crash only the unsettled ones reach the outbox, due at once, leased to
    // nobody.
    void pushesInTheJournalReplayUnlessSettled()
    {
        const StorageSettings live = settings(QStringLiteral("push-crash.sqlite"));
        openWithATopic(live);
        StorageQueue queue(live);
        QString error;
        QVERIFY2(queue.start(&error), qPrintable(error));
        const qint64 seqId =
            sendWithPushes(queue, 1, {QStringLiteral("phone"), QStringLiteral("tablet")});
        QVERIFY(seqId > 0);
        QCOMPARE(outboxOf(live), QStringList()); // nothing in the table while it is in flight
        QCOMPARE(settle(queue, seqId, QStringLiteral("phone")), 0);

        const StorageSettings copy = crashCopyOf(live, QStringLiteral("push-crash-copy.sqlite"));
        SqlStorage recovered(copy);
        recovered.migrate();
        // The message was only in the journal: its unsettled push is in the outbox now, due.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(recovered.releaseOrphanLeases(now), 0);
        const PushClaim claim = recovered.claimDuePushes(now, QStringLiteral("node-b"), now, 10);
        QCOMPARE(claim.due.size(), 1);
        QCOMPARE(claim.due.first().token, QStringLiteral("tablet"));
        QCOMPARE(claim.due.first().seqId, seqId);
        QCOMPARE(claim.due.first().messageJson, QByteArray("{\"m\":1}"));
        QCOMPARE(contentsOf(recovered), QList<QByteArray>{content(1)});
    }

    // A clean stop moves the buffered messages to the tables; their pushes still in flight go to
    // the outbox leased to their sender, whose next start releases them.
    void unsettledPushesReachTheOutboxWithTheirMessage()
    {
        const StorageSettings file = settings(QStringLiteral("push-stop.sqlite"));
        openWithATopic(file);
        auto queue = std::make_unique<StorageQueue>(file);
        QString error;
        QVERIFY2(queue->start(&error), qPrintable(error));
        const qint64 seqId = sendWithPushes(*queue, 1, {QStringLiteral("phone")});
        const qint64 settledSeqId = sendWithPushes(*queue, 2, {QStringLiteral("phone")});
        settle(*queue, settledSeqId, QStringLiteral("phone"));
        queue.reset();
        QCOMPARE(outboxOf(file),
                 QStringList{QStringLiteral("phone@%1 node-a 7777 {\"m\":1}").arg(seqId)});
        SqlStorage reopened(file);
        reopened.migrate();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(reopened.releaseOrphanLeases(now), 1);
        QCOMPARE(reopened.claimDuePushes(now, QStringLiteral("node-b"), now, 10).due.size(), 1);
    }

    // A job that settles a push and then fails takes the mark back: the push is still owed.
    void aFailedJobUnsettlesItsPushes()
    {
        const StorageSettings live = settings(QStringLiteral("push-rollback.sqlite"));
        openWithATopic(live);
        StorageQueue queue(live);
        QString error;
        QVERIFY2(queue.start(&error), qPrintable(error));
        const qint64 seqId = sendWithPushes(queue, 1, {QStringLiteral("phone")});
        const auto failed = queue.call<bool>([seqId](Storage &storage) {
            PushRecord push{
                Topic, seqId, QStringLiteral("phone"), QStringLiteral("android"), 1, {}, 0, 0, 0};
            storage.settlePushes({{PushSettlement::Done, push, 0, {}}});
            throw StorageError("deliberate failure");
            return true;
        });
        QVERIFY(!failed.ok);
        const StorageSettings copy = crashCopyOf(live, QStringLiteral("push-rollback-copy.sqlite"));
        SqlStorage recovered(copy);
        recovered.migrate();
        QCOMPARE(outboxOf(copy).size(), 1);
    }

    void theFilesTakeTurns()
    {
        const StorageSettings live = settings(QStringLiteral("turns.sqlite"));
        const std::unique_ptr<SqlStorage> storage = openWithATopic(live);
        const QByteArray padding(100 * 1024, 'x');
        QList<qint64> sent;
        for (int n = 1; n <= 200; ++n) // about 2.4 files' worth
            sent.append(storage
                            ->insertMessage(Topic, 1 + n % 2, QStringLiteral("a"),
                                            "{\"pad\":\"" + padding + "\"}", QString(), 1000 + n, 0)
                            .message.seqId);
        QCOMPARE(seqIdsOf(storage->history(Topic, HistoryQuery{qint64(1) << 60, 0, 500})), sent);
        QCOMPARE(unreadOf(*storage, 2), 100);

        SqlStorage recovered(crashCopyOf(live, QStringLiteral("turns-copy.sqlite")));
        recovered.migrate();
        QCOMPARE(seqIdsOf(recovered.history(Topic, HistoryQuery{qint64(1) << 60, 0, 500})), sent);
        QCOMPARE(unreadOf(recovered, 2), 100);
        QCOMPARE(unreadOf(recovered, 1), 100);
    }
};

HARAJCHAT_TEST_MAIN(MessageJournalTest)
#include "tst_message_journal.moc"
