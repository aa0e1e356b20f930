#include "models/CounterHistory.h"

#include <QtGlobal>

namespace harajchat::console {

namespace {
qint64 pushCount(const admin::Counters &counters, const char *key)
{
    return counters.push.value(QLatin1String(key)).toInteger();
}
} // namespace

void CounterHistory::add(qint64 atMs, const admin::Counters &counters)
{
    Sample sample{atMs, {}, !counters.push.isEmpty(), pushCount(counters, "failed")};
    sample.values[MessagesPerSecond] = counters.messagesPerSecond;
    sample.values[Sockets] = counters.sockets;
    sample.values[UsersOnline] = counters.usersOnline;
    const qint64 settled = pushCount(counters, "sent") + pushCount(counters, "failed") +
                           pushCount(counters, "dropped");
    sample.values[PushOutbox] = double(qMax<qint64>(0, pushCount(counters, "queued") - settled));
    // A restarted daemon counts from zero again: no negative failures.
    const bool follows =
        !m_samples.isEmpty() && m_samples.last().pushOn && atMs > m_samples.last().atMs;
    const qint64 newFailures =
        follows ? sample.pushFailedTotal - m_samples.last().pushFailedTotal : 0;
    sample.values[PushFailuresPerSecond] =
        follows ? qMax<qint64>(0, newFailures) * 1000.0 / double(atMs - m_samples.last().atMs) : 0;
    m_samples.append(sample);
    while (m_samples.first().atMs < atMs - WindowMs)
        m_samples.removeFirst();
    emit changed();
}

void CounterHistory::clear()
{
    m_samples.clear();
    emit changed();
}

QList<CounterHistory::Point> CounterHistory::points(Series series) const
{
    const bool push = series == PushOutbox || series == PushFailuresPerSecond;
    QList<Point> points;
    for (const Sample &sample : m_samples) {
        if (!push || sample.pushOn)
            points.append({sample.atMs, sample.values.at(series)});
    }
    return points;
}

} // namespace harajchat::console
