#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace harajchat::console {

// Where the admin socket is and its token; both remembered with QSettings when asked to.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    // The connection remembered last time, if any: the console reconnects to it at start.
    static bool remembered(QUrl *url, QString *token);

    QUrl url() const;
    QString token() const;
    void accept() override;

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
