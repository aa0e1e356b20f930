#include "ui/CounterChart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace harajchat::console {

namespace {
// Counters come every second; a longer silence is a gap (no connection), not a straight line.
constexpr qint64 GapMs = 5000;
const QColor LineColor(0x1b, 0x7f, 0x5b);
} // namespace

CounterChart::CounterChart(const CounterHistory &history, CounterHistory::Series series,
                           QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_series(series)
{
    connect(&history, &CounterHistory::changed, this, qOverload<>(&QWidget::update));
}

void CounterChart::setTitle(const QString &title)
{
    m_title = title;
    update();
}

QSize CounterChart::sizeHint() const
{
    return {320, 140};
}

QSize CounterChart::minimumSizeHint() const
{
    return {160, 90};
}

QString CounterChart::valueText(double value) const
{
    return QLocale().toString(value, 'f', m_precision);
}

QString CounterChart::emptyText() const
{
    const bool push =
        m_series == CounterHistory::PushOutbox || m_series == CounterHistory::PushFailuresPerSecond;
    return push && m_history.size() > 0 ? tr("push is off") : tr("no data yet");
}

void CounterChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    painter.setPen(palette().mid().color());
    painter.drawRect(rect().adjusted(0, 0, -1, -1));

    const QList<CounterHistory::Point> points = m_history.points(m_series);
    const int line = fontMetrics().height();
    const QRect header = rect().adjusted(6, 4, -6, 0).intersected(QRect(0, 0, width(), line + 4));
    painter.setPen(palette().text().color());
    painter.drawText(header, Qt::AlignLeading | Qt::AlignVCenter, m_title);
    const QRect plot = rect().adjusted(6, line + 8, -6, -line - 4);
    if (points.isEmpty()) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(plot, Qt::AlignCenter, emptyText());
        return;
    }
    double top = 1;
    for (const CounterHistory::Point &point : points)
        top = qMax(top, point.value * 1.1);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(header, Qt::AlignTrailing | Qt::AlignVCenter, valueText(points.last().value));
    painter.setFont(font());

    // Newest on the reading direction's end.
    const bool rightToLeft = layoutDirection() == Qt::RightToLeft;
    const qint64 now = m_history.latestMs();
    const auto at = [&](const CounterHistory::Point &point) {
        const double age = double(now - point.atMs) / double(CounterHistory::WindowMs);
        const double x =
            rightToLeft ? plot.left() + age * plot.width() : plot.right() - age * plot.width();
        return QPointF(x, plot.bottom() - point.value / top * plot.height());
    };
    QPainterPath path;
    for (int i = 0; i < points.size(); ++i) {
        const bool gap = i == 0 || points.at(i).atMs - points.at(i - 1).atMs > GapMs;
        gap ? path.moveTo(at(points.at(i))) : path.lineTo(at(points.at(i)));
    }
    painter.setPen(QPen(LineColor, 2));
    painter.drawPath(path);

    const QRect axis(plot.left(), plot.bottom() + 2, plot.width(), line);
    painter.setPen(palette().placeholderText().color());
    painter.drawText(axis, Qt::AlignLeading, tr("5 min ago"));
    painter.drawText(axis, Qt::AlignTrailing, tr("now"));
    painter.drawText(plot, Qt::AlignLeading | Qt::AlignTop, valueText(top / 1.1));
}

} // namespace harajchat::console
