#include "storage/CommitPacer.h"

#include <algorithm>

namespace harajchat {

CommitPacer::CommitPacer(std::chrono::milliseconds delay, Clock clock)
    : m_delay(delay)
    , m_clock(std::move(clock))
{}

std::chrono::steady_clock::duration CommitPacer::waitBeforeCommit() const
{
    using Duration = std::chrono::steady_clock::duration;
    if (!m_lastCommitStart)
        return Duration::zero();
    return std::max(Duration::zero(), *m_lastCommitStart + m_delay - m_clock());
}

void CommitPacer::commitStarted()
{
    m_lastCommitStart = m_clock();
}

} // namespace harajchat
