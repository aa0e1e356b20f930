#pragma once

#include <chrono>
#include <functional>
#include <optional>

namespace harajchat {

// Spaces the storage queue's commits at least `delay` apart, so that under load one fsync serves
// every job that arrived in between. "No commit yet" is a state of its own, never a time point:
// steady_clock counts from the machine's boot on Linux, so a default time point would mean "at
// boot" and hold the first commit on any machine up for less than the delay.
class CommitPacer
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit CommitPacer(std::chrono::milliseconds delay,
                         Clock clock = &std::chrono::steady_clock::now);

    // How long a commit must still wait; zero when one may start now.
    std::chrono::steady_clock::duration waitBeforeCommit() const;
    void commitStarted();

private:
    std::chrono::milliseconds m_delay;
    Clock m_clock;
    std::optional<std::chrono::steady_clock::time_point> m_lastCommitStart;
};

} // namespace harajchat
