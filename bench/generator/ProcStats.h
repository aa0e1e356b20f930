#pragma once

#include <cstdint>
#include <sys/types.h>

namespace bench {

// CPU time (user + system) a process has used, in microseconds, from /proc/<pid>/stat; -1 when
// the process is gone. Resolution is one clock tick (10 ms), so measure over seconds.
std::int64_t processCpuUs(pid_t pid);
// The same for a process and its children (PostgreSQL's postmaster and its backends); children that
// ended meanwhile no longer count.
std::int64_t processTreeCpuUs(pid_t pid);
// Resident set size in KiB from /proc/<pid>/status (VmRSS); -1 when unknown.
std::int64_t processRssKb(pid_t pid);

// What a process has written, from /proc/<pid>/io: bytes sent to the storage device (the WAL,
// checkpoints; not socket traffic) and write-like system calls (sockets and files alike).
struct ProcessWrites
{
    std::int64_t diskBytes = 0;
    std::int64_t syscalls = 0;
};
ProcessWrites processWrites(pid_t pid);

// What a process wrote over an interval.
class WriteMeter
{
public:
    explicit WriteMeter(pid_t pid);
    ProcessWrites elapsed() const;

private:
    pid_t m_pid;
    ProcessWrites m_start;
};

// CPU used by a process (with its children, for a process tree) over an interval.
class CpuMeter
{
public:
    explicit CpuMeter(pid_t pid, bool withChildren = false);
    void restart();
    std::int64_t elapsedCpuUs() const;

private:
    std::int64_t now() const;

    pid_t m_pid;
    bool m_withChildren;
    std::int64_t m_startCpuUs = 0;
};

// The share of the machine's CPU time the hypervisor took away over an interval (`steal` in
// /proc/stat), in percent. Latency measured while it is high says more about the host than about
// the daemon.
class StealMeter
{
public:
    StealMeter();
    double percent() const;

private:
    struct Ticks
    {
        long long steal = 0;
        long long total = 0;
    };
    static Ticks machineTicks();

    Ticks m_start;
};

} // namespace bench
