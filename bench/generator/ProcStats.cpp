#include "ProcStats.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace bench {

namespace {
std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

std::int64_t processCpuUs(pid_t pid)
{
    const std::string stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const std::size_t end = stat.rfind(')');
    if (end == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(end + 2));
    std::string field;
    long long utime = 0;
    long long stime = 0;
    // After ')': state is field 3 of stat(5); utime and stime are fields 14 and 15.
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index == 14)
            utime = std::stoll(field);
        else if (index == 15)
            stime = std::stoll(field);
    }
    return (utime + stime) * 1000000 / sysconf(_SC_CLK_TCK);
}

std::int64_t processTreeCpuUs(pid_t pid)
{
    std::int64_t total = processCpuUs(pid);
    for (const auto &entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const std::string stat = readFile("/proc/" + name + "/stat");
        const std::size_t end = stat.rfind(')');
        if (end == std::string::npos)
            continue;
        std::istringstream fields(stat.substr(end + 2));
        std::string state;
        long long parent = 0;
        if (fields >> state >> parent && parent == pid) {
            const std::int64_t child = processCpuUs(pid_t(std::stoll(name)));
            total += child > 0 ? child : 0;
        }
    }
    return total;
}

std::int64_t processRssKb(pid_t pid)
{
    std::istringstream status(readFile("/proc/" + std::to_string(pid) + "/status"));
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stoll(line.substr(6));
    }
    return -1;
}

ProcessWrites processWrites(pid_t pid)
{
    std::istringstream io(readFile("/proc/" + std::to_string(pid) + "/io"));
    std::string key;
    std::int64_t value = 0;
    ProcessWrites writes;
    while (io >> key >> value) {
        if (key == "write_bytes:")
            writes.diskBytes = value;
        else if (key == "syscw:")
            writes.syscalls = value;
    }
    return writes;
}

WriteMeter::WriteMeter(pid_t pid)
    : m_pid(pid)
    , m_start(processWrites(pid))
{}

ProcessWrites WriteMeter::elapsed() const
{
    const ProcessWrites now = processWrites(m_pid);
    return {now.diskBytes - m_start.diskBytes, now.syscalls - m_start.syscalls};
}

CpuMeter::CpuMeter(pid_t pid, bool withChildren)
    : m_pid(pid)
    , m_withChildren(withChildren)
{
    restart();
}

std::int64_t CpuMeter::now() const
{
    return m_withChildren ? processTreeCpuUs(m_pid) : processCpuUs(m_pid);
}

void CpuMeter::restart()
{
    m_startCpuUs = now();
}

std::int64_t CpuMeter::elapsedCpuUs() const
{
    return now() - m_startCpuUs;
}

StealMeter::StealMeter()
    : m_start(machineTicks())
{}

double StealMeter::percent() const
{
    const Ticks now = machineTicks();
    const long long total = now.total - m_start.total;
    return total > 0 ? 100.0 * double(now.steal - m_start.steal) / double(total) : 0.0;
}

StealMeter::Ticks StealMeter::machineTicks()
{
    // First line: "cpu user nice system idle iowait irq softirq steal guest guest_nice"; guest
    // time is already counted in user.
    std::istringstream line(readFile("/proc/stat"));
    std::string label;
    line >> label;
    Ticks ticks;
    long long value = 0;
    for (int field = 1; field <= 8 && line >> value; ++field) {
        ticks.total += value;
        if (field == 8)
            ticks.steal = value;
    }
    return ticks;
}

} // namespace bench
