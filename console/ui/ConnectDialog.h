#pragma once

#include <QDialog>
#include <QUrl>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace harajchat::console {

// Where the admin socket is and its token. The main window remembers them (QSettings) once the
// daemon accepted them; the token only when the operator asks.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    // The connection remembered last time, if any: the console reconnects to it at start.
    static bool remembered(QUrl *url, QString *token);
    // Stores the URL, and the token if given (forgets it if not).
    static void remember(const QUrl &url, const std::optional<QString> &token);

    QUrl url() const;
    QString token() const;
    bool rememberToken() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_urlLabel;
    QLabel *m_tokenLabel;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QCheckBox *m_remember;
};

} // namespace harajchat::console
