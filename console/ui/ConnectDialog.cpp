#include "ui/ConnectDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

namespace harajchat::console {

namespace {
const QString UrlKey = QStringLiteral("connection/url");
const QString TokenKey = QStringLiteral("connection/token");
const QString DefaultUrl = QStringLiteral("ws://127.0.0.1:8081/");
// The longest URL an operator usually types must show whole.
const QString WidestUsualUrl = QStringLiteral("wss://255.255.255.255:65535/");
} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_urlLabel(new QLabel)
    , m_tokenLabel(new QLabel)
    , m_url(new QLineEdit)
    , m_token(new QLineEdit)
    , m_remember(new QCheckBox)
{
    const QSettings settings;
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setText(settings.value(UrlKey, DefaultUrl).toString());
    // URLs and tokens read left to right in every language.
    m_url->setLayoutDirection(Qt::LeftToRight);
    m_token->setLayoutDirection(Qt::LeftToRight);
    m_url->setMinimumWidth(m_url->fontMetrics().horizontalAdvance(WidestUsualUrl) +
                           m_url->fontMetrics().averageCharWidth() * 4);
    m_token->setText(settings.value(TokenKey).toString());
    m_token->setEchoMode(QLineEdit::Password);
    m_remember->setChecked(settings.contains(TokenKey));
    auto *form = new QFormLayout(this);
    form->addRow(m_urlLabel, m_url);
    form->addRow(m_tokenLabel, m_token);
    form->addRow(m_remember);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    retranslate();
}

bool ConnectDialog::remembered(QUrl *url, QString *token)
{
    const QSettings settings;
    if (!settings.contains(UrlKey) || !settings.contains(TokenKey))
        return false;
    *url = QUrl::fromUserInput(settings.value(UrlKey).toString());
    *token = settings.value(TokenKey).toString();
    return url->isValid();
}

void ConnectDialog::remember(const QUrl &url, const std::optional<QString> &token)
{
    QSettings settings;
    settings.setValue(UrlKey, url.toString());
    if (token)
        settings.setValue(TokenKey, *token);
    else
        settings.remove(TokenKey);
}

QUrl ConnectDialog::url() const
{
    return QUrl::fromUserInput(m_url->text().trimmed());
}

QString ConnectDialog::token() const
{
    return m_token->text();
}

bool ConnectDialog::rememberToken() const
{
    return m_remember->isChecked();
}

void ConnectDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ConnectDialog::retranslate()
{
    setWindowTitle(tr("Connect to a daemon"));
    m_urlLabel->setText(tr("Admin socket URL:"));
    m_tokenLabel->setText(tr("Admin token:"));
    // No platform keychain is used: the operator must know where the token goes.
    m_remember->setText(tr("Remember the token (kept unencrypted in this user's settings)"));
}

} // namespace harajchat::console
