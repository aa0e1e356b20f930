#include "EventLoop.h"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <sys/epoll.h>
#include <unistd.h>

namespace bench {

namespace {
constexpr int MaxEvents = 512;
}

std::int64_t nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

EventLoop::EventLoop()
    : m_epoll(epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0)
        throw std::runtime_error("epoll_create1 failed");
}

EventLoop::~EventLoop()
{
    ::close(m_epoll);
}

void EventLoop::add(int fd, Pollable *target, std::uint32_t events)
{
    epoll_event event{events, {target}};
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
}

void EventLoop::modify(int fd, Pollable *target, std::uint32_t events)
{
    epoll_event event{events, {target}};
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
}

void EventLoop::remove(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::dispatchOnce(int timeoutMs)
{
    epoll_event events[MaxEvents];
    const int count = epoll_wait(m_epoll, events, MaxEvents, timeoutMs);
    for (int i = 0; i < count; ++i)
        static_cast<Pollable *>(events[i].data.ptr)->handleEvents(events[i].events);
}

bool EventLoop::runUntil(const std::function<bool()> &done, std::int64_t timeoutUs,
                         const std::function<void()> &tick)
{
    const std::int64_t start = nowUs();
    const std::int64_t deadline =
        timeoutUs > INT64_MAX - start ? INT64_MAX : start + timeoutUs; // no overflow for "forever"
    // A tick paces senders, so it needs millisecond wake-ups; otherwise wake up rarely.
    const int waitMs = tick ? 1 : 20;
    while (!done()) {
        if (nowUs() >= deadline)
            return false;
        dispatchOnce(waitMs);
        if (tick)
            tick();
    }
    return true;
}

void EventLoop::runFor(std::int64_t durationUs, const std::function<void()> &tick)
{
    runUntil([] { return false; }, durationUs, tick);
}

} // namespace bench
