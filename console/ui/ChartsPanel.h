#pragma once

#include "models/CounterHistory.h"

#include <QWidget>

namespace harajchat::console {

class CounterChart;

// The counters of the last minutes as charts: messages per second, sockets, users online, the
// push outbox and push failures.
class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsPanel(const CounterHistory &history, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QList<CounterChart *> m_charts; // in CounterHistory::Series order
};

} // namespace harajchat::console
