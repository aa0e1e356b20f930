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
} // namespace

CountersPanel::CountersPanel(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
{
    for (int row = 0; row < ChatRows + PushKeys.size(); ++row) {
        auto *value = new QLabel(QStringLiteral("-"));
        m_values.append(value);
        m_form->addRow(new QLabel, value);
    }
    retranslate();
}

void CountersPanel::show(const admin::Counters &counters)
{
    const QLocale locale;
    m_values.at(0)->setText(locale.toString(counters.sockets));
    m_values.at(1)->setText(locale.toString(counters.authenticatedSockets));
    m_values.at(2)->setText(locale.toString(counters.usersOnline));
    m_values.at(3)->setText(locale.toString(counters.messagesPerSecond, 'f', 1));
    for (int i = 0; i < PushKeys.size(); ++i) {
        const QJsonValue value = counters.push.value(PushKeys.at(i));
        // Without push, one "off" says it; the other rows stay empty.
        const QString off = i == 0 ? tr("push off") : QStringLiteral("-");
        m_values.at(ChatRows + i)
            ->setText(value.isUndefined() ? off : locale.toString(value.toInteger()));
    }
}

void CountersPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CountersPanel::retranslate()
{
    const QStringList names{tr("Sockets:"),        tr("Authenticated sockets:"),
                            tr("Users online:"),   tr("Messages per second:"),
                            tr("Pushes sent:"),    tr("Pushes queued:"),
                            tr("Push retries:"),   tr("Pushes failed:"),
                            tr("Pushes dropped:"), tr("Device tokens deleted:")};
    for (int row = 0; row < names.size(); ++row)
        qobject_cast<QLabel *>(m_form->itemAt(row, QFormLayout::LabelRole)->widget())
            ->setText(names.at(row));
}

} // namespace harajchat::console
