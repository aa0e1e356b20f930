#include "Latency.h"

#include <algorithm>
#include <numeric>

namespace bench {

namespace {
double percentileMs(const std::vector<std::int64_t> &sorted, double fraction)
{
    const std::size_t rank = std::size_t(fraction * double(sorted.size() - 1) + 0.5);
    return double(sorted[std::min(rank, sorted.size() - 1)]) / 1000.0;
}
} // namespace

LatencySummary LatencyRecorder::summarize()
{
    LatencySummary summary;
    summary.count = m_samplesUs.size();
    if (m_samplesUs.empty())
        return summary;
    std::sort(m_samplesUs.begin(), m_samplesUs.end());
    summary.p50Ms = percentileMs(m_samplesUs, 0.50);
    summary.p90Ms = percentileMs(m_samplesUs, 0.90);
    summary.p99Ms = percentileMs(m_samplesUs, 0.99);
    summary.p999Ms = percentileMs(m_samplesUs, 0.999);
    summary.maxMs = double(m_samplesUs.back()) / 1000.0;
    const double total = std::accumulate(m_samplesUs.begin(), m_samplesUs.end(), 0.0);
    summary.meanMs = total / double(m_samplesUs.size()) / 1000.0;
    return summary;
}

} // namespace bench
