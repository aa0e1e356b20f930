#include "ui/ChartsPanel.h"

#include "ui/CounterChart.h"

#include <QEvent>
#include <QGridLayout>

namespace harajchat::console {

ChartsPanel::ChartsPanel(const CounterHistory &history, QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    for (int series = 0; series < CounterHistory::SeriesCount; ++series) {
        auto *chart = new CounterChart(history, CounterHistory::Series(series));
        m_charts.append(chart);
        grid->addWidget(chart, series / 2, series % 2);
    }
    m_charts.at(CounterHistory::MessagesPerSecond)->setPrecision(1);
    m_charts.at(CounterHistory::PushFailuresPerSecond)->setPrecision(1);
    retranslate();
}

void ChartsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ChartsPanel::retranslate()
{
    const QStringList titles{tr("Messages per second"), tr("Sockets"), tr("Users online"),
                             tr("Push outbox"), tr("Push failures per second")};
    for (int series = 0; series < titles.size(); ++series)
        m_charts.at(series)->setTitle(titles.at(series));
}

} // namespace harajchat::console
