#include "app/AdminCommands.h"
#include "app/ChatServer.h"
#include "app/CommandLine.h"
#include "app/FileLimit.h"
#include "app/Logging.h"
#include "app/MainEventDispatcher.h"
#include "app/ShutdownSignals.h"

#include <QCoreApplication>

using namespace harajchat;

int main(int argc, char *argv[])
{
    installMainEventDispatcher();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("harajchat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HARAJCHAT_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));

    int exitCode = 0;
    const std::optional<CommandLine> command = parseCommandLine(app.arguments(), &exitCode);
    if (!command)
        return exitCode;
    if (!command->config.logRules.isEmpty())
        QLoggingCategory::setFilterRules(
            QString(command->config.logRules).replace(QLatin1Char(';'), QLatin1Char('\n')));
    if (command->verb != CommandLine::Run)
        return runAdminCommand(*command);

    raiseOpenFileLimit();
    ChatServer server(command->config);
    QString error;
    if (!server.start(&error)) {
        qCCritical(lcApp).noquote() << error;
        return 1;
    }
    qCInfo(lcApp).noquote() << QStringLiteral(
                                   "listening on %1:%2 (HTTP and ws://…/chat/ws), data in %3")
                                   .arg(command->config.listenAddress.toString())
                                   .arg(server.port())
                                   .arg(server.storageLocation());
    onShutdownRequest(&server, [&server] { server.stop(); });
    QObject::connect(&server, &ChatServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
