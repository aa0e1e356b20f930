#pragma once

#include <cstdint>
#include <vector>

namespace bench {

struct LatencySummary
{
    std::size_t count = 0;
    double p50Ms = 0;
    double p90Ms = 0;
    double p99Ms = 0;
    double p999Ms = 0;
    double maxMs = 0;
    double meanMs = 0;
};

// Collects every sample (a 60 s run at 5,000/s is 300,000 of them: cheap to keep and sort).
class LatencyRecorder
{
public:
    void reserve(std::size_t count) { m_samplesUs.reserve(count); }
    void add(std::int64_t microseconds) { m_samplesUs.push_back(microseconds); }
    LatencySummary summarize();

private:
    std::vector<std::int64_t> m_samplesUs;
};

} // namespace bench
