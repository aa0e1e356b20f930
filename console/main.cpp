#include "app/Language.h"
#include "app/Screenshots.h"
#include "ui/ConnectDialog.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace harajchat::console;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Haraj"));
    QApplication::setApplicationName(QStringLiteral("harajchat-console"));
    QApplication::setApplicationVersion(QStringLiteral(HARAJCHAT_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Haraj Chat admin console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QStringLiteral("Once connected, save a PNG of each view into <dir> and quit."),
        QStringLiteral("dir"));
    const QCommandLineOption liveSeconds(
        QStringLiteral("screenshots-after"),
        QStringLiteral("Seconds of live data before the screenshots (default 5)."),
        QStringLiteral("seconds"), QStringLiteral("5"));
    parser.addOptions({screenshots, liveSeconds});
    parser.process(app);

    Language language;
    MainWindow window(language);
    window.show();
    if (parser.isSet(screenshots))
        new Screenshots(window, QDir(parser.value(screenshots)),
                        parser.value(liveSeconds).toInt() * 1000, &window);
    QUrl url;
    QString token;
    if (ConnectDialog::remembered(&url, &token))
        window.connectTo(url, token, true);
    return app.exec();
}
