#pragma once

#include "storage/CommitPacer.h"
#include "storage/SqlStorage.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace harajchat {

template <typename R> struct StorageResult
{
    bool ok = false; // false: the job failed and its changes were rolled back
    R value{};
};

// Runs storage jobs on a thread of its own, in submission order. Jobs waiting together share one
// transaction (group commit: one fsync for many jobs), each job in its own savepoint. A job's
// result reaches its callback on the submitting thread only after the transaction committed, so
// whatever a caller does with it (answer, fan-out) reports durable state.
class StorageQueue : public QObject
{
    Q_OBJECT
public:
    // `clock` paces commits (tests give one that reads like a machine booted a minute ago).
    explicit StorageQueue(StorageSettings settings,
                          CommitPacer::Clock clock = &std::chrono::steady_clock::now,
                          QObject *parent = nullptr);
    ~StorageQueue() override;

    // Opens the database and applies migrations; blocks until done.
    bool start(QString *error);
    // Finishes every queued job, then closes the database. Blocks.
    void stop();

    // `done` runs on this object's thread, and only while `context` lives. `intent`: what the job
    // will touch (Storage::prepareBatch), when it writes a topic.
    template <typename R>
    void submit(QObject *context, std::function<R(Storage &)> job,
                std::function<void(StorageResult<R>)> done,
                std::optional<JobIntent> intent = std::nullopt)
    {
        auto result = std::make_shared<R>();
        Job queued;
        queued.intent = std::move(intent);
        queued.run = [job = std::move(job), result](Storage &storage) { *result = job(storage); };
        queued.answer = [guard = QPointer<QObject>(context), done = std::move(done),
                         result](bool ok) {
            if (guard)
                done(StorageResult<R>{ok, std::move(*result)});
        };
        enqueue(std::move(queued));
    }

    // From a thread of its own (push): `done` runs on `receiver`'s thread once the job's batch
    // ended. Unguarded: `receiver` must outlive the answer, e.g. by waiting for a call() after its
    // last post() before it is destroyed.
    template <typename R>
    void post(QObject *receiver, std::function<R(Storage &)> job,
              std::function<void(StorageResult<R>)> done)
    {
        auto result = std::make_shared<R>();
        Job queued;
        queued.run = [job = std::move(job), result](Storage &storage) { *result = job(storage); };
        queued.finish = [receiver, done = std::move(done), result](bool ok) {
            QMetaObject::invokeMethod(
                receiver,
                [done, ok, result] {
                    done(StorageResult<R>{ok, std::move(*result)});
                },
                Qt::QueuedConnection);
        };
        enqueue(std::move(queued));
    }

    // Batches run again after losing a deadlock (or a serialization conflict) to another node.
    qint64 conflicts() const { return m_conflicts.load(); }
    // Jobs submitted and not yet taken by the worker (not those of the batch it runs).
    std::size_t queuedJobs() const;

    // For the command line and tests only: waits for the job's committed result.
    template <typename R> StorageResult<R> call(std::function<R(Storage &)> job)
    {
        auto promise = std::make_shared<std::promise<StorageResult<R>>>();
        auto result = std::make_shared<R>();
        Job queued;
        queued.run = [job = std::move(job), result](Storage &storage) { *result = job(storage); };
        queued.finish = [promise, result](bool ok) {
            promise->set_value(StorageResult<R>{ok, std::move(*result)});
        };
        enqueue(std::move(queued));
        return promise->get_future().get();
    }

private:
    struct Job
    {
        std::function<void(Storage &)> run;
        // One of the two is set: `answer` runs on this object's thread (submit), `finish` on the
        // worker as soon as the job's transaction ended (call, post).
        std::function<void(bool ok)> answer;
        std::function<void(bool ok)> finish;
        std::optional<JobIntent> intent;
    };
    using Answers = std::vector<std::function<void()>>;

    void enqueue(Job job);
    // Ends the jobs: their answers go to this object's thread in one posted event, in order.
    void conclude(std::deque<Job> &jobs, const std::vector<bool> &succeeded);
    void workerLoop(std::promise<QString> opened);
    // Returns with jobs queued, when stopping, or when deferred writes are due a commit.
    void waitForJobs(std::unique_lock<std::mutex> &lock, const Storage &storage,
                     const CommitPacer &pacer);
    void runBatch(Storage &storage, std::deque<Job> &batch);
    bool runJob(Storage &storage, Job &job);

    StorageSettings m_settings;
    CommitPacer::Clock m_clock;
    QThread *m_thread = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    bool m_workerIdle = false; // waiting for a first job, not sleeping out the commit delay
    std::atomic<qint64> m_conflicts{0};
};

} // namespace harajchat
