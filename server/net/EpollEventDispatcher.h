#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QHash>
#include <map>

namespace harajchat {

// A Qt event dispatcher on Linux epoll, for the thread that holds every socket. Qt's own
// dispatchers (glib and unix) poll() every registered socket on each event-loop round, and the
// glib one also walks all of them to switch a notifier on or off: with ten thousand idle sockets
// that is most of the daemon's CPU. Here a round costs what is ready, not what is open.
// Timers are kept in deadline order; posted events wake the loop through an eventfd.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct Notifiers
    {
        QSocketNotifier *byType[3] = {}; // QSocketNotifier::Read, Write, Exception
    };
    struct Timer
    {
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        std::multimap<qint64, int>::iterator deadline;
        bool firing = false; // not again from a nested loop while its event runs
    };

    void updateEpoll(int fd, const Notifiers &notifiers, bool existed);
    void activateSocket(int fd, quint32 events);
    bool fireTimers();
    void schedule(int timerId, Timer &timer, qint64 nowMs);
    int waitTimeoutMs() const;
    void consumeWakeUp();

    int m_epoll;
    int m_wakeFd;
    QAtomicInt m_wakeUpPending;
    QAtomicInt m_interrupted;
    QHash<int, Notifiers> m_sockets;
    QHash<int, Timer> m_timers;
    std::multimap<qint64, int> m_deadlines; // monotonic ms -> timer id
};

} // namespace harajchat
