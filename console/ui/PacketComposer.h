#pragma once

#include <QJsonObject>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace harajchat::console {

// Edits one server packet from a template, checks it is JSON and a packet of the contract, and
// asks for it to be sent to a user's sockets.
class PacketComposer : public QWidget
{
    Q_OBJECT
public:
    explicit PacketComposer(QWidget *parent = nullptr);

    void setConnected(bool connected);
    // The last command's outcome; described again in a new language.
    void setResult(const std::function<QString()> &describe);
    QString resultText() const;
    // Whether the editor holds a packet, and if not why.
    QString statusText() const;

    // For tests and scripted demos: what the operator would type and click.
    void setTargetUser(qint64 userId);
    qint64 targetUser() const;
    void chooseTemplate(int index);
    void setPacketText(const QString &json);
    QString packetText() const;
    bool isSendable() const;
    void send();

signals:
    void sendRequested(qint64 userId, const QJsonObject &packet);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void validate();
    void refreshTemplate();

    QLabel *m_targetLabel;
    QLineEdit *m_target;
    QLabel *m_templateLabel;
    QComboBox *m_templates;
    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QLabel *m_result;
    QPushButton *m_send;
    QJsonObject m_packet;   // the editor's packet while it is valid
    QString m_templateText; // the template as last generated, to tell whether it was edited
    std::function<QString()> m_describeResult;
    bool m_connected = false;
};

} // namespace harajchat::console
