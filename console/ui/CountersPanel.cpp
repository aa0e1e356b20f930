#include "ui/CountersPanel.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace harajchat::console {

namespace {
// Rows in display order; push counters use the admin protocol's key names.
const QStringList PushKeys{QStringLiteral("sent"),    QStringLiteral("queued"),
                           QStringLiteral("retried"), QStringLiteral("failed"),
                           QStringLiteral("dropped"), QStringLiteral("tokens_deleted")};
constexpr int ChatRows = 4;
const int PushOffRow = ChatRows + int(PushKeys.size());
} // namespace

CountersPanel::CountersPanel(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
{
    for (int row = 0; row < ChatRows + PushKeys.size() + 1; ++row) {
        auto *value = new QLabel(QStringLiteral("-"));
        m_values.append(value);
        m_form->addRow(new QLabel, value);
    }
    m_form->setRowVisible(PushOffRow, false);
    retranslate();
}

void CountersPanel::show(const admin::Counters &counters)
{
    const QLocale locale;
    m_values.at(0)->setText(locale.toString(counters.sockets));
    m_values.at(1)->setText(locale.toString(counters.authenticatedSockets));
    m_values.at(2)->setText(locale.toString(counters.usersOnline));
    m_values.at(3)->setText(locale.toString(counters.messagesPerSecond, 'f', 1));
    // Without push, one row says it is off instead of six empty ones.
    const bool pushOn = !counters.push.isEmpty();
    for (int i = 0; i < PushKeys.size(); ++i) {
        m_form->setRowVisible(ChatRows + i, pushOn);
        m_values.at(ChatRows + i)
            ->setText(locale.toString(counters.push.value(PushKeys.at(i)).toInteger()));
    }
    m_form->setRowVisible(PushOffRow, !pushOn);
}

bool CountersPanel::showsPushOff() const
{
    return m_values.at(PushOffRow)->isVisibleTo(this) && !m_values.at(ChatRows)->isVisibleTo(this);
}

void CountersPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CountersPanel::retranslate()
{
    const QStringList names{tr("Sockets:"),           tr("Authenticated sockets:"),
                            tr("Users online:"),      tr("Messages per second:"),
                            tr("Pushes sent:"),       tr("Pushes queued:"),
                            tr("Push retries:"),      tr("Pushes failed:"),
                            tr("Pushes dropped:"),    tr("Device tokens deleted:"),
                            tr("Push notifications:")};
    m_values.at(PushOffRow)->setText(tr("off"));
    for (int row = 0; row < names.size(); ++row)
        qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::LabelRole)->widget())
            ->setText(names.at(row));
}

} // namespace harajchat::console
