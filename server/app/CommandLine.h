#pragma once

#include "app/Config.h"

#include <QStringList>
#include <optional>

namespace harajchat {

struct CommandLine
{
    enum Verb
    {
        Run,
        AddUser,
        IssueToken
    } verb = Run;
    ServerConfig config;
    QString userName;             // add-user
    QString password;             // add-user
    std::optional<qint64> userId; // add-user (optional), issue-token (required)
};

// Parses argv and the config file it names. On --help/--version, or on an error, prints and
// returns nullopt with *exitCode set.
std::optional<CommandLine> parseCommandLine(const QStringList &arguments, int *exitCode);

} // namespace harajchat
