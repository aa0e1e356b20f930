#include "ui/PacketComposer.h"

#include "client/PacketTemplates.h"
#include "protocol/AdminProtocol.h"
#include "ui/Icons.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace harajchat::console {

PacketComposer::PacketComposer(QWidget *parent)
    : QWidget(parent)
    , m_targetLabel(new QLabel)
    , m_target(new QLineEdit)
    , m_templateLabel(new QLabel)
    , m_templates(new QComboBox)
    , m_editor(new QPlainTextEdit)
    , m_status(new QLabel)
    , m_result(new QLabel)
    , m_send(new QPushButton)
{
    m_target->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[1-9][0-9]{0,15}")), m_target));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLayoutDirection(Qt::LeftToRight); // JSON reads left to right in every language
    m_send->setObjectName(QStringLiteral("send"));
    for (int i = 0; i < allPacketKinds().size(); ++i)
        m_templates->addItem(QString());

    auto *form = new QFormLayout;
    form->addRow(m_targetLabel, m_target);
    form->addRow(m_templateLabel, m_templates);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_send, 0, Qt::AlignRight);
    layout->addWidget(m_result);

    connect(m_templates, &QComboBox::currentIndexChanged, this, &PacketComposer::chooseTemplate);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &PacketComposer::validate);
    connect(m_target, &QLineEdit::textChanged, this, &PacketComposer::validate);
    connect(m_send, &QPushButton::clicked, this, &PacketComposer::send);
    m_send->setIcon(directionalIcon(QStringLiteral(":/icons/send.svg"), layoutDirection()));
    retranslate();
    chooseTemplate(0);
}

void PacketComposer::setConnected(bool connected)
{
    m_connected = connected;
    validate();
}

void PacketComposer::setResult(const std::function<QString()> &describe)
{
    m_describeResult = describe;
    m_result->setText(describe());
}

QString PacketComposer::statusText() const
{
    return m_status->text();
}

QString PacketComposer::resultText() const
{
    return m_result->text();
}

void PacketComposer::setTargetUser(qint64 userId)
{
    m_target->setText(QString::number(userId));
}

qint64 PacketComposer::targetUser() const
{
    return m_target->text().toLongLong();
}

void PacketComposer::chooseTemplate(int index)
{
    if (m_templates->currentIndex() != index)
        m_templates->setCurrentIndex(index); // comes back here through the signal
    else
        refreshTemplate();
}

void PacketComposer::refreshTemplate()
{
    const PacketKind kind = allPacketKinds().at(m_templates->currentIndex());
    m_templateText =
        QString::fromUtf8(QJsonDocument(packetTemplate(kind)).toJson(QJsonDocument::Indented));
    setPacketText(m_templateText);
}

void PacketComposer::showEvent(QShowEvent *event)
{
    // A template the operator left as it was gets the current time stamp again.
    if (packetText() == m_templateText)
        refreshTemplate();
    QWidget::showEvent(event);
}

void PacketComposer::setPacketText(const QString &json)
{
    m_editor->setPlainText(json);
}

QString PacketComposer::packetText() const
{
    return m_editor->toPlainText();
}

bool PacketComposer::isSendable() const
{
    return m_send->isEnabled();
}

void PacketComposer::send()
{
    if (isSendable())
        emit sendRequested(targetUser(), m_packet);
}

void PacketComposer::validate()
{
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(m_editor->toPlainText().toUtf8(), &parseError);
    m_packet = {};
    if (parseError.error != QJsonParseError::NoError) {
        // Qt's own translations carry QJsonParseError's texts.
        m_status->setText(
            tr("Not JSON: %1 (at character %2)")
                .arg(parseError.errorString(), QLocale().toString(parseError.offset)));
    } else if (!document.isObject()) {
        m_status->setText(tr("Not a packet of the contract: a packet is a JSON object"));
    } else if (const auto problem = admin::serverPacketProblem(document.object())) {
        const QString why =
            problem->describe(QCoreApplication::translate("harajchat::admin", problem->text));
        m_status->setText(tr("Not a packet of the contract: %1").arg(why));
    } else {
        m_packet = document.object();
        m_status->setText(tr("Valid packet."));
    }
    m_send->setEnabled(m_connected && !m_packet.isEmpty() && m_target->hasAcceptableInput());
}

void PacketComposer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::LayoutDirectionChange)
        m_send->setIcon(directionalIcon(QStringLiteral(":/icons/send.svg"), layoutDirection()));
    QWidget::changeEvent(event);
}

void PacketComposer::retranslate()
{
    m_targetLabel->setText(tr("Target user id:"));
    m_templateLabel->setText(tr("Template:"));
    const QStringList names{tr("Message"),          tr("Reads"),
                            tr("Presence: online"), tr("Presence: offline"),
                            tr("Presence: typing"), tr("Presence: stop typing")};
    for (int i = 0; i < names.size(); ++i)
        m_templates->setItemText(i, names.at(i));
    m_send->setText(tr("Send to the user's sockets"));
    if (m_describeResult)
        m_result->setText(m_describeResult());
    validate();
}

} // namespace harajchat::console
