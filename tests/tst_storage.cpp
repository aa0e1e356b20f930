// SqlStorage (SQLite, or PostgreSQL in the _pg run) and the StorageQueue in front of it:
// migrations, records, group commit.
#include "TestDatabase.h"
#include "TestMain.h"
#include "storage/SqlStorage.h"
#include "storage/StorageQueue.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace harajchat;

class StorageTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StorageSettings settings(const QString &name) const { return test::testStorage(m_dir, name); }
    // Runs statements on its own connection, as another release or a tool would; returns the
    // first error, or an empty string.
    static QString runBehindTheStorage(const StorageSettings &settings,
                                       std::initializer_list<const char *> statements)
    {
        const QString connection = QStringLiteral("behind");
        QString error;
        {
            QSqlDatabase db = openDatabase(settings, connection);
            QSqlQuery query(db);
            for (const char *statement : statements) {
                if (error.isEmpty() && !query.exec(QString::fromLatin1(statement)))
                    error = query.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return error;
    }

    // A migrated database with users 1 ("a") and 2 ("b") and their topic, p2p1_2.
    static std::unique_ptr<SqlStorage> twoUsersWithATopic(const StorageSettings &settings)
    {
        auto storage = std::make_unique<SqlStorage>(settings);
        storage->migrate();
        storage->insertUser(std::nullopt, QStringLiteral("a"), QStringLiteral("h"));
        storage->insertUser(std::nullopt, QStringLiteral("b"), QStringLiteral("h"));
        storage->ensureTopic(1, 2);
        return storage;
    }

private slots:
    void migrationsRunOnceAndSurviveReopen()
    {
        const StorageSettings file = settings(QStringLiteral("reopen.sqlite"));
        {
            SqlStorage storage(file);
            storage.migrate();
            storage.beginBatch();
            QCOMPARE(storage.insertUser(std::nullopt, QStringLiteral("a"), QStringLiteral("h")),
                     std::optional<qint64>(1));
            storage.commitBatch();
        }
        SqlStorage again(file);
        again.migrate(); // nothing left to apply, data intact
        QCOMPARE(again.userById(1)->name, QStringLiteral("a"));
    }

    void users()
    {
        SqlStorage storage(settings(QStringLiteral("users.sqlite")));
        storage.migrate();
        QCOMPARE(storage.insertUser(std::nullopt, QStringLiteral("ali"), QStringLiteral("h1")),
                 std::optional<qint64>(1));
        QCOMPARE(storage.insertUser(10, QStringLiteral("sara"), QStringLiteral("h2")),
                 std::optional<qint64>(10));
        QCOMPARE(storage.insertUser(std::nullopt, QStringLiteral("omar"), QStringLiteral("h3")),
                 std::optional<qint64>(11));
        QVERIFY(!storage.insertUser(std::nullopt, QStringLiteral("ali"), QStringLiteral("h4")));
        QVERIFY(!storage.insertUser(10, QStringLiteral("other"), QStringLiteral("h5")));
        QCOMPARE(storage.userByName(QStringLiteral("sara"))->id, 10);
        QCOMPARE(storage.userByName(QStringLiteral("sara"))->passwordHash, QStringLiteral("h2"));
        QVERIFY(!storage.userByName(QStringLiteral("nobody")));

        // JWT users: created without a password, renamed in place, never found by login name.
        storage.upsertUser(500, QStringLiteral("ali"));
        QCOMPARE(storage.userById(500)->name, QStringLiteral("ali"));
        QCOMPARE(storage.userByName(QStringLiteral("ali"))->id, 1);
        storage.upsertUser(500, QStringLiteral("Ali B"));
        QCOMPARE(storage.userById(500)->name, QStringLiteral("Ali B"));
        QVERIFY(storage.userById(500)->passwordHash.isEmpty());
    }

    void accessTokens()
    {
        SqlStorage storage(settings(QStringLiteral("tokens.sqlite")));
        storage.migrate();
        storage.insertUser(std::nullopt, QStringLiteral("a"), QStringLiteral("h"));
        storage.insertAccessToken("hash-1", 1);
        QCOMPARE(storage.userForAccessToken("hash-1"), std::optional<qint64>(1));
        QVERIFY(!storage.userForAccessToken("hash-2"));
        QVERIFY(storage.deleteAccessToken("hash-1"));
        QVERIFY(!storage.deleteAccessToken("hash-1"));
        QVERIFY(!storage.userForAccessToken("hash-1"));
    }

    void topics()
    {
        SqlStorage storage(settings(QStringLiteral("topics.sqlite")));
        storage.migrate();
        for (const char *name : {"a", "b", "c"})
            storage.insertUser(std::nullopt, QString::fromLatin1(name), QStringLiteral("h"));
        QVERIFY(storage.ensureTopic(2, 1));
        QVERIFY(!storage.ensureTopic(1, 2));
        QVERIFY(storage.topicExists(1, 2));
        QVERIFY(storage.topicExists(2, 1));
        QVERIFY(!storage.topicExists(1, 3));
        const QVector<TopicSummary> ofTwo = storage.topicsOf(2);
        QCOMPARE(ofTwo.size(), 1);
        QCOMPARE(ofTwo.first().topicId, QStringLiteral("p2p1_2"));
        QCOMPARE(ofTwo.first().peerId, 1);
        QCOMPARE(ofTwo.first().peerName, QStringLiteral("a"));
        QVERIFY(storage.topicsOf(3).isEmpty());
    }

    void seqIdsNeverGoBack()
    {
        const std::unique_ptr<SqlStorage> opened =
            twoUsersWithATopic(settings(QStringLiteral("seq.sqlite")));
        SqlStorage &storage = *opened;
        const QString topic = QStringLiteral("p2p1_2");
        auto insert = [&](qint64 nowMs) {
            return storage.insertMessage(topic, 1, QStringLiteral("a"), "{}", QString(), nowMs, 0)
                .message.seqId;
        };
        QCOMPARE(insert(1000), 1000);
        QCOMPARE(insert(1000), 1001); // same millisecond: bumped
        QCOMPARE(insert(500), 1002);  // the clock stepped back: still forward
        QCOMPARE(insert(5000), 5000); // the clock caught up: back to wall time
        QCOMPARE(storage
                     .insertMessage(QStringLiteral("p2p1_3"), 1, QStringLiteral("a"), "{}",
                                    QString(), 6000, 0)
                     .outcome,
                 MessageInsert::NoTopic);
    }

    void clientMsgIdDeduplicatesWithinTheWindow()
    {
        const std::unique_ptr<SqlStorage> opened =
            twoUsersWithATopic(settings(QStringLiteral("dedupe.sqlite")));
        SqlStorage &storage = *opened;
        const QString topic = QStringLiteral("p2p1_2");
        const MessageInsert first = storage.insertMessage(
            topic, 1, QStringLiteral("a"), "{\"n\":1}", QStringLiteral("c"), 1000, 0);
        QCOMPARE(first.outcome, MessageInsert::Stored);
        const MessageInsert retry = storage.insertMessage(
            topic, 1, QStringLiteral("a"), "{\"n\":2}", QStringLiteral("c"), 2000, 0);
        QCOMPARE(retry.outcome, MessageInsert::Duplicate);
        QCOMPARE(retry.message.seqId, first.message.seqId);
        QCOMPARE(retry.message.contentJson, QByteArray("{\"n\":1}"));
        // Outside the window the id is free again.
        const MessageInsert later = storage.insertMessage(topic, 1, QStringLiteral("a"), "{}",
                                                          QStringLiteral("c"), 90000, 50000);
        QCOMPARE(later.outcome, MessageInsert::Stored);
        QCOMPARE(storage.history(topic, HistoryQuery{}).size(), 2);
    }

    // Unread counts live in the topic row; marking `up_to` starts after what was read before and
    // never marks ahead of the newest message.
    void unreadCountsFollowSendsAndReads()
    {
        const std::unique_ptr<SqlStorage> opened =
            twoUsersWithATopic(settings(QStringLiteral("unread.sqlite")));
        SqlStorage &storage = *opened;
        const QString topic = QStringLiteral("p2p1_2");
        const auto send = [&](qint64 fromId, qint64 nowMs) {
            return storage.insertMessage(topic, fromId, QStringLiteral("x"), "{}", QString(), nowMs,
                                         0);
        };
        const auto unreadOf = [&](qint64 userId) {
            return storage.topicsOf(userId).first().unread;
        };
        for (qint64 at : {1000, 2000, 3000})
            send(1, at);
        send(2, 4000);
        QCOMPARE(unreadOf(2), 3);
        QCOMPARE(unreadOf(1), 1);

        QCOMPARE(storage.markRead(topic, 1, {2000, 2000, 4000}, 5000), QVector<qint64>{2000});
        QCOMPARE(unreadOf(2), 2);
        QCOMPARE(storage.markReadUpTo(topic, 1, 1000, 5000), QVector<qint64>{1000});
        QCOMPARE(storage.markReadUpTo(topic, 1, 1000, 5000), QVector<qint64>());
        QCOMPARE(unreadOf(2), 1);
        // An `up_to` far ahead marks what there is, and a later message is still unread.
        QCOMPARE(storage.markReadUpTo(topic, 1, 999999999, 5000), QVector<qint64>{3000});
        QCOMPARE(unreadOf(2), 0);
        send(1, 6000);
        QCOMPARE(unreadOf(2), 1);
        QCOMPARE(storage.markReadUpTo(topic, 1, 999999999, 7000), QVector<qint64>{6000});
        QCOMPARE(unreadOf(2), 0);
        QCOMPARE(unreadOf(1), 1); // the other direction untouched
        QCOMPARE(storage.markReadUpTo(topic, 2, 4000, 7000), QVector<qint64>{4000});
        QCOMPARE(unreadOf(1), 0);
    }

    void unreadCountsAreComputedWhenUpgrading()
    {
        const StorageSettings file = settings(QStringLiteral("upgrade.sqlite"));
        {
            const std::unique_ptr<SqlStorage> opened = twoUsersWithATopic(file);
            SqlStorage &storage = *opened;
            const QString topic = QStringLiteral("p2p1_2");
            for (const auto &[fromId, nowMs] : {std::pair{1, 1000}, {1, 2000}, {2, 3000}})
                storage.insertMessage(topic, fromId, QStringLiteral("x"), "{}", QString(), nowMs,
                                      0);
            storage.markRead(topic, 1, {1000}, 4000);
        }
        // Back to schema 5, as the previous release left it.
        QCOMPARE(runBehindTheStorage(
                     file, {"ALTER TABLE topics DROP COLUMN unread_a",
                            "ALTER TABLE topics DROP COLUMN unread_b",
                            "ALTER TABLE topics DROP COLUMN read_up_to_a",
                            "ALTER TABLE topics DROP COLUMN read_up_to_b",
                            "CREATE INDEX messages_unread ON messages (topic_id, from_id, seq_id)"
                            " WHERE read_at IS NULL",
                            "ALTER TABLE push_outbox DROP COLUMN leased_by",
                            "DELETE FROM schema_migrations WHERE version >= 6"}),
                 QString());
        SqlStorage upgraded(file);
        upgraded.migrate();
        QCOMPARE(upgraded.topicsOf(2).first().unread, 1);
        QCOMPARE(upgraded.topicsOf(1).first().unread, 1);
    }

    void schemaNewerThanTheBuildIsRefused()
    {
        const StorageSettings file = settings(QStringLiteral("newer.sqlite"));
        {
            SqlStorage storage(file);
            storage.migrate();
        }
        QCOMPARE(runBehindTheStorage(
                     file, {"INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)"}),
                 QString());
        SqlStorage older(file);
        QVERIFY_THROWS_EXCEPTION(StorageError, older.migrate());
    }

    void queueCommitsBeforeAnswering()
    {
        const StorageSettings file = settings(QStringLiteral("queue.sqlite"));
        StorageQueue queue(file);
        QString error;
        QVERIFY2(queue.start(&error), qPrintable(error));
        if (file.driver == QLatin1String("sqlite"))
            QVERIFY(QFile::exists(file.path + QStringLiteral("-wal"))); // WAL mode

        // Three jobs in one go; the middle one fails after writing. Only its own writes vanish.
        QObject context;
        QList<bool> outcomes;
        auto insert = [](const QString &name, bool fail) {
            return [name, fail](Storage &storage) {
                storage.insertUser(std::nullopt, name, QStringLiteral("h"));
                if (fail)
                    throw StorageError("deliberate failure");
                return true;
            };
        };
        auto record = [&outcomes](StorageResult<bool> result) { outcomes.append(result.ok); };
        queue.submit<bool>(&context, insert(QStringLiteral("first"), false), record);
        queue.submit<bool>(&context, insert(QStringLiteral("broken"), true), record);
        queue.submit<bool>(&context, insert(QStringLiteral("third"), false), record);
        QTRY_COMPARE(outcomes, (QList<bool>{true, false, true}));

        const auto names = queue.call<QStringList>([](Storage &storage) {
            QStringList found;
            for (const char *name : {"first", "broken", "third"}) {
                if (storage.userByName(QString::fromLatin1(name)))
                    found.append(QString::fromLatin1(name));
            }
            return found;
        });
        QVERIFY(names.ok);
        QCOMPARE(names.value, (QStringList{QStringLiteral("first"), QStringLiteral("third")}));
        queue.stop();

        // Committed means on disk: a new connection sees it.
        SqlStorage reopened(file);
        QVERIFY(reopened.userByName(QStringLiteral("third")));
    }

    void commitDelayKeepsOrderAndLosesNothing()
    {
        StorageSettings delayed = settings(QStringLiteral("delay.sqlite"));
        delayed.commitDelayMs = 20;
        StorageQueue queue(delayed);
        QString error;
        QVERIFY2(queue.start(&error), qPrintable(error));
        QObject context;
        QList<int> answered;
        const auto submitUser = [&](int i) {
            queue.submit<int>(
                &context,
                [i](Storage &storage) {
                    storage.insertUser(std::nullopt, QStringLiteral("u%1").arg(i),
                                       QStringLiteral("h"));
                    return i;
                },
                [&answered](StorageResult<int> result) {
                    if (result.ok)
                        answered.append(result.value);
                });
        };
        QList<int> expected;
        for (int i = 0; i < 40; ++i) {
            submitUser(i);
            expected.append(i);
        }
        QTRY_COMPARE(answered, expected);
        // A lone job later is committed too.
        submitUser(40);
        expected.append(40);
        QTRY_COMPARE(answered, expected);
        queue.stop();
    }

    // The delay spaces commits; it does not hold a job that arrives after a quiet spell, and
    // stopping commits what waits. The queue's clock reads like a machine booted a minute ago
    // (steady_clock counts from boot): the first commit after start is still not held.
    void commitDelayDoesNotHoldAJobAfterAQuietSpell()
    {
        StorageSettings delayed = settings(QStringLiteral("idle.sqlite"));
        delayed.commitDelayMs = 3600 * 1000;
        const auto started = std::chrono::steady_clock::now();
        const auto bootedAMinuteAgo = [started] {
            return std::chrono::steady_clock::time_point(std::chrono::minutes(1)) +
                   (std::chrono::steady_clock::now() - started);
        };
        StorageQueue queue(delayed, bootedAMinuteAgo);
        QString error;
        QVERIFY2(queue.start(&error), qPrintable(error));
        QObject context;
        int answered = 0;
        const auto submitUser = [&](const QString &name) {
            queue.submit<bool>(
                &context,
                [name](Storage &storage) {
                    return storage.insertUser(std::nullopt, name, QStringLiteral("h")).has_value();
                },
                [&answered](StorageResult<bool> result) { answered += result.ok && result.value; });
        };
        submitUser(QStringLiteral("first"));
        QTRY_COMPARE(answered, 1);
        submitUser(QStringLiteral("second")); // within the hour: waits for the next commit
        queue.stop();
        QTRY_COMPARE(answered, 2);
        SqlStorage reopened(delayed);
        QVERIFY(reopened.userByName(QStringLiteral("second")));
    }

    void batchThatLostADeadlockRunsAgain()
    {
        StorageQueue queue(settings(QStringLiteral("deadlock.sqlite")));
        QString error;
        QVERIFY(queue.start(&error));
        QObject context;
        QList<bool> outcomes;
        auto record = [&outcomes](StorageResult<bool> result) { outcomes.append(result.ok); };
        auto insert = [](const QString &name) {
            return [name](Storage &storage) {
                return storage.insertUser(std::nullopt, name, QStringLiteral("h")).has_value();
            };
        };
        // Another node's transaction won a deadlock: the whole batch is rolled back and rerun.
        int attempts = 0;
        queue.submit<bool>(&context, insert(QStringLiteral("before")), record);
        queue.submit<bool>(
            &context,
            [&attempts](Storage &) {
                if (++attempts == 1)
                    throw StorageError("deadlock detected", true);
                return true;
            },
            record);
        queue.submit<bool>(&context, insert(QStringLiteral("after")), record);
        QTRY_COMPARE(outcomes, (QList<bool>{true, true, true}));
        QCOMPARE(attempts, 2);
        const auto users = queue.call<int>([](Storage &storage) {
            return int(storage.userByName(QStringLiteral("before")).has_value()) +
                   int(storage.userByName(QStringLiteral("after")).has_value());
        });
        QCOMPARE(users.value, 2);
    }

    void callbackSkippedWhenContextIsGone()
    {
        StorageQueue queue(settings(QStringLiteral("context.sqlite")));
        QString error;
        QVERIFY(queue.start(&error));
        bool called = false;
        auto *context = new QObject;
        queue.submit<bool>(
            context, [](Storage &) { return true; },
            [&called](StorageResult<bool>) { called = true; });
        delete context;
        // A later job's callback arriving proves the earlier one had its turn.
        QObject alive;
        bool laterCalled = false;
        queue.submit<bool>(
            &alive, [](Storage &) { return true; },
            [&laterCalled](StorageResult<bool>) { laterCalled = true; });
        QTRY_VERIFY(laterCalled);
        QVERIFY(!called);
    }

    void jobsAfterStopFail()
    {
        StorageQueue queue(settings(QStringLiteral("stopped.sqlite")));
        QString error;
        QVERIFY(queue.start(&error));
        queue.stop();
        QVERIFY(!queue.call<bool>([](Storage &) { return true; }).ok);
    }

    void unopenableDatabaseIsReported()
    {
        StorageSettings unopenable;
        if (test::testingPostgres())
            unopenable = test::testStorage(m_dir, QStringLiteral("x"));
        else
            unopenable.path = QStringLiteral("/proc/no/such/dir/x.sqlite");
        unopenable.postgres.database = QStringLiteral("no_such_database");
        StorageQueue queue(unopenable);
        QString error;
        QVERIFY(!queue.start(&error));
        QVERIFY(!error.isEmpty());
    }
};

HARAJCHAT_TEST_MAIN(StorageTest)
#include "tst_storage.moc"
