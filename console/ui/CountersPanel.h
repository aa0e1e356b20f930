#pragma once

#include "protocol/AdminProtocol.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace harajchat::console {

// The daemon's counters as they arrive (every second).
class CountersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CountersPanel(QWidget *parent = nullptr);
    void show(const admin::Counters &counters);
    // True when one "off" row stands for the push counters of a daemon without push.
    bool showsPushOff() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QFormLayout *m_form;
    QList<QLabel *> m_values;
};

} // namespace harajchat::console
