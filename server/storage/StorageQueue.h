#pragma once

#include "storage/SqlStorage.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>

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
    explicit StorageQueue(StorageSettings settings, QObject *parent = nullptr);
    ~StorageQueue() override;

    // Opens the database and applies migrations; blocks until done.
    bool start(QString *error);
    // Finishes every queued job, then closes the database. Blocks.
    void stop();

    // `done` runs on this object's thread, and only while `context` lives.
    template <typename R>
    void submit(QObject *context, std::function<R(Storage &)> job,
                std::function<void(StorageResult<R>)> done)
    {
        auto result = std::make_shared<R>();
        enqueue(
            {[job = std::move(job), result](Storage &storage) { *result = job(storage); },
             [this, guard = QPointer<QObject>(context), done = std::move(done), result](bool ok) {
                 QMetaObject::invokeMethod(
                     this,
                     [guard, done, result, ok] {
                         if (guard)
                             done(StorageResult<R>{ok, std::move(*result)});
                     },
                     Qt::QueuedConnection);
             }});
    }

    // For the command line and tests only: waits for the job's committed result.
    template <typename R> StorageResult<R> call(std::function<R(Storage &)> job)
    {
        auto promise = std::make_shared<std::promise<StorageResult<R>>>();
        auto result = std::make_shared<R>();
        enqueue({[job = std::move(job), result](Storage &storage) { *result = job(storage); },
                 [promise, result](bool ok) {
                     promise->set_value(StorageResult<R>{ok, std::move(*result)});
                 }});
        return promise->get_future().get();
    }

private:
    struct Job
    {
        std::function<void(Storage &)> run;
        std::function<void(bool ok)> finish;
    };

    void enqueue(Job job);
    void workerLoop(std::promise<QString> opened);
    void runBatch(Storage &storage, std::deque<Job> &batch);
    bool runJob(Storage &storage, Job &job);

    StorageSettings m_settings;
    QThread *m_thread = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
};

} // namespace harajchat
