#pragma once

#include "app/CommandLine.h"

namespace harajchat {

// The command-line verbs (add-user, issue-token): run against the configured database, print the
// result on stdout, and return the process exit code.
int runAdminCommand(const CommandLine &command);

} // namespace harajchat
