#pragma once

#include "protocol/AdminProtocol.h"

#include <QList>
#include <QObject>
#include <array>

namespace harajchat::console {

// The daemon's counters over the last minutes, as series to draw: what an operator watches for
// trends (a message burst, sockets draining, the push outbox growing).
class CounterHistory : public QObject
{
    Q_OBJECT
public:
    enum Series
    {
        MessagesPerSecond,
        Sockets,
        UsersOnline,
        PushOutbox,            // pushes queued and not yet sent, failed or dropped
        PushFailuresPerSecond, // from the growth of the failed total
        SeriesCount
    };
    static constexpr qint64 WindowMs = 5 * 60 * 1000;

    struct Point
    {
        qint64 atMs;
        double value;
    };

    using QObject::QObject;

    // A sample taken at atMs (milliseconds since the epoch); samples older than the window go.
    void add(qint64 atMs, const admin::Counters &counters);
    void clear();
    int size() const { return int(m_samples.size()); }
    // The series' points, oldest first; push series are empty while push is off.
    QList<Point> points(Series series) const;
    qint64 latestMs() const { return m_samples.isEmpty() ? 0 : m_samples.last().atMs; }

signals:
    void changed();

private:
    struct Sample
    {
        qint64 atMs;
        std::array<double, SeriesCount> values;
        bool pushOn;
        qint64 pushFailedTotal;
    };

    QList<Sample> m_samples;
};

} // namespace harajchat::console
