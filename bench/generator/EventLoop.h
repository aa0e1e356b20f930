#pragma once

#include <cstdint>
#include <functional>

namespace bench {

// Something with a file descriptor that the loop wakes up.
class Pollable
{
public:
    virtual ~Pollable() = default;
    virtual void handleEvents(std::uint32_t events) = 0;
};

// Monotonic microseconds; every timestamp of the generator uses this clock.
std::int64_t nowUs();

// A single-threaded epoll loop: the generator must stay cheap, as it shares the cores with the
// daemon it measures.
class EventLoop
{
public:
    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    void add(int fd, Pollable *target, std::uint32_t events);
    void modify(int fd, Pollable *target, std::uint32_t events);
    void remove(int fd);

    // Dispatches events until `done` holds or `timeoutUs` passed; `tick` runs after every wake-up
    // (at least once per millisecond when given). Returns whether `done` held.
    bool runUntil(const std::function<bool()> &done, std::int64_t timeoutUs,
                  const std::function<void()> &tick = {});
    // Dispatches events for `durationUs`.
    void runFor(std::int64_t durationUs, const std::function<void()> &tick = {});

private:
    void dispatchOnce(int timeoutMs);

    int m_epoll;
};

} // namespace bench
