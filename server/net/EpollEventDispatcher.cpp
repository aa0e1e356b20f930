#include "net/EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <chrono>
#include <climits>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace harajchat {

namespace {
constexpr int MaxEventsPerRound = 256;

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Which notifiers an epoll event wakes, as Qt's poll() dispatcher does: hang-ups and errors go
// to readers and writers, so a socket always learns that its peer is gone.
bool wakes(int type, quint32 events)
{
    switch (type) {
    case QSocketNotifier::Read:
        return events & (EPOLLIN | EPOLLHUP | EPOLLERR);
    case QSocketNotifier::Write:
        return events & (EPOLLOUT | EPOLLHUP | EPOLLERR);
    default:
        return events & EPOLLPRI;
    }
}
} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool mayWait =
        flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();
    if (mayWait)
        emit aboutToBlock();
    epoll_event events[MaxEventsPerRound];
    const int count = epoll_wait(m_epoll, events, MaxEventsPerRound, mayWait ? waitTimeoutMs() : 0);
    if (mayWait)
        emit awake();

    bool handled = false;
    for (int i = 0; i < count; ++i) {
        if (events[i].data.fd == m_wakeFd) {
            consumeWakeUp();
            handled = true; // posted events go out at the start of the next round
        } else if (!flags.testFlag(QEventLoop::ExcludeSocketNotifiers)) {
            activateSocket(events[i].data.fd, events[i].events);
            handled = true;
        }
    }
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers) && fireTimers())
        handled = true;
    return handled;
}

void EpollEventDispatcher::activateSocket(int fd, quint32 events)
{
    for (int type = QSocketNotifier::Read; type <= QSocketNotifier::Exception; ++type) {
        // Looked up again for each type: the previous one may have removed this notifier.
        const auto it = m_sockets.constFind(fd);
        if (it == m_sockets.cend())
            return;
        QSocketNotifier *notifier = it->byType[type];
        if (notifier && wakes(type, events)) {
            QEvent activation(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &activation);
        }
    }
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const bool existed = m_sockets.contains(fd);
    Notifiers &notifiers = m_sockets[fd];
    notifiers.byType[notifier->type()] = notifier;
    updateEpoll(fd, notifiers, existed);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_sockets.find(fd);
    if (it == m_sockets.end() || it->byType[notifier->type()] != notifier)
        return;
    it->byType[notifier->type()] = nullptr;
    const Notifiers left = *it;
    if (!left.byType[0] && !left.byType[1] && !left.byType[2]) {
        m_sockets.erase(it);
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr); // fails harmlessly if already closed
        return;
    }
    updateEpoll(fd, left, true);
}

void EpollEventDispatcher::updateEpoll(int fd, const Notifiers &notifiers, bool existed)
{
    epoll_event event{};
    event.data.fd = fd;
    event.events = (notifiers.byType[QSocketNotifier::Read] ? EPOLLIN : 0u) |
                   (notifiers.byType[QSocketNotifier::Write] ? EPOLLOUT : 0u) |
                   (notifiers.byType[QSocketNotifier::Exception] ? EPOLLPRI : 0u);
    if (epoll_ctl(m_epoll, existed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event) < 0)
        epoll_ctl(m_epoll, existed ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    unregisterTimer(timerId);
    Timer &timer = m_timers[timerId];
    timer.intervalMs = interval;
    timer.type = timerType;
    timer.object = object;
    timer.deadline = m_deadlines.end();
    schedule(timerId, timer, nowMs());
}

void EpollEventDispatcher::schedule(int timerId, Timer &timer, qint64 nowMs)
{
    if (timer.deadline != m_deadlines.end())
        m_deadlines.erase(timer.deadline);
    timer.deadline = m_deadlines.emplace(nowMs + timer.intervalMs, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase(it->deadline);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool found = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_deadlines.erase(it->deadline);
            it = m_timers.erase(it);
            found = true;
        } else {
            ++it;
        }
    }
    return found;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
        if (it->object == object)
            timers.append(TimerInfo(it.key(), int(it->intervalMs), it->type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return int(qMax<qint64>(0, it->deadline->first - nowMs()));
}

bool EpollEventDispatcher::fireTimers()
{
    const qint64 now = nowMs();
    QList<int> due;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend() && it->first <= now; ++it)
        due.append(it->second);
    for (const int timerId : std::as_const(due)) {
        auto it = m_timers.find(timerId);
        if (it == m_timers.end() || it->firing)
            continue; // stopped by an earlier one, or its event is running further up the stack
        schedule(timerId, *it, now);
        it->firing = true;
        QObject *object = it->object;
        QTimerEvent event(timerId);
        QCoreApplication::sendEvent(object, &event);
        it = m_timers.find(timerId); // the handler may have stopped or restarted it
        if (it != m_timers.end())
            it->firing = false;
    }
    return !due.isEmpty();
}

int EpollEventDispatcher::waitTimeoutMs() const
{
    if (m_deadlines.empty())
        return -1;
    return int(qBound<qint64>(0, m_deadlines.cbegin()->first - nowMs(), qint64(INT_MAX)));
}

void EpollEventDispatcher::wakeUp()
{
    // One write per wake-up, however many threads post events meanwhile.
    if (m_wakeUpPending.testAndSetAcquire(0, 1)) {
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof one);
    }
}

void EpollEventDispatcher::consumeWakeUp()
{
    quint64 value = 0;
    [[maybe_unused]] const ssize_t got = ::read(m_wakeFd, &value, sizeof value);
    m_wakeUpPending.storeRelease(0);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

} // namespace harajchat
