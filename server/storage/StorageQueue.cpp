#include "storage/StorageQueue.h"

#include "app/Logging.h"

namespace harajchat {

namespace {
// Bounds one transaction so a flood of jobs still commits (and answers) in steady steps.
constexpr size_t MaxJobsPerBatch = 512;
// A batch that lost a deadlock to another node's transaction is run again this many times at most.
constexpr int MaxBatchAttempts = 5;
// With deferred writes waiting (the message buffer), a quiet queue still commits this often.
constexpr std::chrono::seconds DeferredWriteInterval{1};
} // namespace

StorageQueue::StorageQueue(StorageSettings settings, CommitPacer::Clock clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_clock(std::move(clock))
{}

StorageQueue::~StorageQueue()
{
    stop();
}

bool StorageQueue::start(QString *error)
{
    std::promise<QString> opened;
    std::future<QString> openError = opened.get_future();
    m_thread =
        QThread::create([this](std::promise<QString> promise) { workerLoop(std::move(promise)); },
                        std::move(opened));
    m_thread->setObjectName(QStringLiteral("storage"));
    m_thread->start();
    *error = openError.get();
    if (error->isEmpty())
        return true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    return false;
}

void StorageQueue::stop()
{
    if (!m_thread)
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wakeUp.notify_one();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

std::size_t StorageQueue::queuedJobs() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_jobs.size();
}

void StorageQueue::enqueue(Job job)
{
    bool wake = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopping || !m_thread) {
            std::deque<Job> refused;
            refused.push_back(std::move(job));
            conclude(refused, {false});
            return;
        }
        m_jobs.push_back(std::move(job));
        // An idle worker waits for a first job; one sleeping out the commit delay wakes by itself,
        // or for a full batch.
        wake = (m_workerIdle && m_jobs.size() == 1) || m_jobs.size() == MaxJobsPerBatch;
    }
    if (wake)
        m_wakeUp.notify_one();
}

void StorageQueue::workerLoop(std::promise<QString> opened)
{
    std::unique_ptr<Storage> storage;
    try {
        storage = std::make_unique<SqlStorage>(m_settings);
        storage->migrate();
    } catch (const StorageError &error) {
        opened.set_value(QString::fromStdString(error.what()));
        return;
    }
    opened.set_value(QString());

    CommitPacer pacer(std::chrono::milliseconds(m_settings.commitDelayMs), m_clock);
    for (;;) {
        std::deque<Job> batch;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            waitForJobs(lock, *storage, pacer);
            if (m_stopping && m_jobs.empty())
                break; // everything queued is done
            if (!m_jobs.empty())
                pacer.commitStarted();
            while (!m_jobs.empty() && batch.size() < MaxJobsPerBatch) {
                batch.push_back(std::move(m_jobs.front()));
                m_jobs.pop_front();
            }
        }
        runBatch(*storage, batch); // empty: commits what is due of the deferred writes
    }
}

void StorageQueue::waitForJobs(std::unique_lock<std::mutex> &lock, const Storage &storage,
                               const CommitPacer &pacer)
{
    // The worker sleeps the commit delay out without being woken per job: that would cost a futex
    // call on the main thread and a context switch here, for nothing.
    const auto pause = pacer.waitBeforeCommit();
    if (pause.count() > 0)
        m_wakeUp.wait_for(lock, pause,
                          [this] { return m_stopping || m_jobs.size() >= MaxJobsPerBatch; });
    if (!m_jobs.empty() || m_stopping)
        return;
    // Idle: the first job is taken at once (no commit started within the delay). With deferred
    // writes waiting, the wait ends after a while anyway, for an empty batch that moves them on.
    const auto ready = [this] { return m_stopping || !m_jobs.empty(); };
    m_workerIdle = true;
    if (storage.hasDeferredWrites())
        m_wakeUp.wait_for(lock, DeferredWriteInterval, ready);
    else
        m_wakeUp.wait(lock, ready);
    m_workerIdle = false;
}

void StorageQueue::runBatch(Storage &storage, std::deque<Job> &batch)
{
    std::vector<bool> succeeded(batch.size(), false);
    QVector<JobIntent> intents;
    for (const Job &job : batch) {
        if (job.intent)
            intents.append(*job.intent);
    }
    for (int attempt = 1; attempt <= MaxBatchAttempts; ++attempt) {
        try {
            storage.beginBatch();
            if (!intents.isEmpty())
                storage.prepareBatch(intents);
            for (size_t i = 0; i < batch.size(); ++i)
                succeeded[i] = runJob(storage, batch[i]);
            storage.commitBatch();
            break;
        } catch (const StorageError &error) {
            storage.rollbackBatch();
            std::fill(succeeded.begin(), succeeded.end(), false);
            if (error.isTransient() && attempt < MaxBatchAttempts) {
                ++m_conflicts;
                qCInfo(lcStorage) << "storage batch conflicted, running it again:" << error.what();
                continue;
            }
            qCCritical(lcStorage) << "storage batch failed, rolled back:" << error.what();
            break;
        }
    }
    conclude(batch, succeeded);
}

void StorageQueue::conclude(std::deque<Job> &jobs, const std::vector<bool> &succeeded)
{
    Answers answers;
    for (size_t i = 0; i < jobs.size(); ++i) {
        if (jobs[i].finish)
            jobs[i].finish(succeeded[i]);
        else
            answers.push_back(
                [answer = std::move(jobs[i].answer), ok = succeeded[i]] { answer(ok); });
    }
    if (answers.empty())
        return;
    // One event per batch rather than per job: a batch of a few dozen messages costs one
    // allocation, one lock and one wake-up of the receiving thread.
    QMetaObject::invokeMethod(
        this,
        [answers = std::move(answers)] {
            for (const auto &answer : answers)
                answer();
        },
        Qt::QueuedConnection);
}

// A job's own failure rolls back its savepoint only; a transient one (a deadlock with another
// node) aborts the whole batch, since only ending the transaction frees the locks in the cycle.
bool StorageQueue::runJob(Storage &storage, Job &job)
{
    storage.beginJob();
    try {
        job.run(storage);
    } catch (const StorageError &error) {
        if (error.isTransient())
            throw;
        qCWarning(lcStorage) << "storage job failed:" << error.what();
        storage.endJob(false);
        return false;
    }
    storage.endJob(true);
    return true;
}

} // namespace harajchat
