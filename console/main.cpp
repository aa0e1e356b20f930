#include "app/Language.h"
#include "ui/ConnectDialog.h"
#include "ui/MainWindow.h"

#include <QApplication>

using namespace harajchat::console;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Haraj"));
    QApplication::setApplicationName(QStringLiteral("harajchat-console"));
    QApplication::setApplicationVersion(QStringLiteral(HARAJCHAT_VERSION));
    Language language;
    MainWindow window(language);
    window.show();
    QUrl url;
    QString token;
    if (ConnectDialog::remembered(&url, &token))
        window.connectTo(url, token, true);
    return app.exec();
}
