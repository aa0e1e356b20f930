#pragma once

#include "models/CounterHistory.h"

#include <QWidget>

namespace harajchat::console {

// One counter over the last minutes, painted as a line (Qt Charts would be one more module to
// build and deploy on three platforms for five lines). Time runs toward the reading direction's
// end: "now" is on the right in English, on the left in Arabic.
class CounterChart : public QWidget
{
    Q_OBJECT
public:
    CounterChart(const CounterHistory &history, CounterHistory::Series series,
                 QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Digits after the decimal point of the values shown.
    void setPrecision(int precision) { m_precision = precision; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString valueText(double value) const;
    QString emptyText() const;

    const CounterHistory &m_history;
    CounterHistory::Series m_series;
    QString m_title;
    int m_precision = 0;
};

} // namespace harajchat::console
