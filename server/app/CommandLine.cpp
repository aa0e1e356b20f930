#include "app/CommandLine.h"

#include "protocol/Ids.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace harajchat {

namespace {
std::optional<CommandLine> fail(const QString &message, int *exitCode)
{
    qCritical().noquote() << message;
    *exitCode = 2;
    return std::nullopt;
}

std::optional<qint64> parseUserId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && protocol::isValidUserId(id) ? std::optional<qint64>(id) : std::nullopt;
}
} // namespace

std::optional<CommandLine> parseCommandLine(const QStringList &arguments, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Haraj Chat server.\n\nWithout a command it runs the daemon. Commands:\n"
        "  add-user --name NAME --password PASSWORD [--id ID]   create a user who can log in\n"
        "  issue-token --id ID                                  print a new access token"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("INI configuration file."),
                                          QStringLiteral("file"));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"), QStringLiteral("Address to listen on (overrides server/listen)."),
        QStringLiteral("host:port"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("SQLite file (overrides storage/path)."),
                                      QStringLiteral("file"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        QStringLiteral("add-user: login and display name."),
                                        QStringLiteral("name"));
    const QCommandLineOption passwordOption(QStringLiteral("password"),
                                            QStringLiteral("add-user: password."),
                                            QStringLiteral("password"));
    const QCommandLineOption idOption(QStringLiteral("id"), QStringLiteral("User id."),
                                      QStringLiteral("id"));
    parser.addOptions({configOption, listenOption, dbOption, nameOption, passwordOption, idOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("add-user or issue-token; none runs the daemon."),
                                 QStringLiteral("[command]"));
    if (!parser.parse(arguments))
        return fail(parser.errorText(), exitCode);
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        *exitCode = 0;
        if (parser.isSet(QStringLiteral("version")))
            fputs(
                qPrintable(
                    QStringLiteral("harajchatd %1\n").arg(QCoreApplication::applicationVersion())),
                stdout);
        else
            fputs(qPrintable(parser.helpText()), stdout);
        return std::nullopt;
    }

    QString error;
    std::optional<ServerConfig> config = loadConfig(parser.value(configOption), &error);
    if (!config)
        return fail(error, exitCode);
    CommandLine command;
    command.config = *config;
    if (parser.isSet(listenOption) &&
        !parseListenAddress(parser.value(listenOption), &command.config.listenAddress,
                            &command.config.listenPort))
        return fail(QStringLiteral("invalid --listen: %1").arg(parser.value(listenOption)),
                    exitCode);
    if (parser.isSet(dbOption))
        command.config.databasePath = parser.value(dbOption);
    if (parser.isSet(idOption)) {
        command.userId = parseUserId(parser.value(idOption));
        if (!command.userId)
            return fail(QStringLiteral("invalid --id: %1").arg(parser.value(idOption)), exitCode);
    }

    const QStringList positional = parser.positionalArguments();
    const QString verb = positional.value(0);
    if (positional.size() > 1)
        return fail(
            QStringLiteral("one command at most, got: %1").arg(positional.join(QLatin1Char(' '))),
            exitCode);
    if (verb == QLatin1String("add-user")) {
        command.verb = CommandLine::AddUser;
        command.userName = parser.value(nameOption).trimmed();
        command.password = parser.value(passwordOption);
        if (command.userName.isEmpty() || command.password.isEmpty())
            return fail(QStringLiteral("add-user needs --name and --password"), exitCode);
    } else if (verb == QLatin1String("issue-token")) {
        command.verb = CommandLine::IssueToken;
        if (!command.userId)
            return fail(QStringLiteral("issue-token needs --id"), exitCode);
    } else if (!verb.isEmpty()) {
        return fail(QStringLiteral("unknown command: %1 (see --help)").arg(verb), exitCode);
    }
    return command;
}

} // namespace harajchat
