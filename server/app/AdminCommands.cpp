#include "app/AdminCommands.h"

#include "app/ChatServer.h"
#include "auth/Passwords.h"
#include "auth/Secrets.h"
#include "storage/StorageQueue.h"

#include <cstdio>

namespace harajchat {

namespace {
int addUser(StorageQueue &storage, const CommandLine &command)
{
    const QString hash = hashPassword(command.password, command.config.passwordIterations);
    const StorageResult<std::optional<qint64>> result =
        storage.call<std::optional<qint64>>([&command, hash](Storage &db) {
            return db.insertUser(command.userId, command.userName, hash);
        });
    if (!result.ok) {
        qCritical("add-user: storage failure");
        return 1;
    }
    if (!result.value) {
        qCritical().noquote() << "add-user: the name or id is already taken";
        return 1;
    }
    printf("%lld\n", static_cast<long long>(*result.value));
    return 0;
}

int issueToken(StorageQueue &storage, const CommandLine &command)
{
    const QByteArray token = newAccessToken();
    const qint64 userId = *command.userId;
    const StorageResult<bool> result = storage.call<bool>([&](Storage &db) {
        if (!db.userById(userId))
            return false;
        db.insertAccessToken(accessTokenHash(token), userId);
        return true;
    });
    if (!result.ok || !result.value) {
        qCritical("issue-token: no user with id %lld", static_cast<long long>(userId));
        return 1;
    }
    printf("%s\n", token.constData());
    return 0;
}
} // namespace

int runAdminCommand(const CommandLine &command)
{
    // The daemon may be running: its message journal is its own (users and tokens are not in it).
    StorageSettings settings = storageSettings(command.config);
    settings.messageJournal = false;
    StorageQueue storage(settings);
    QString error;
    if (!storage.start(&error)) {
        qCritical().noquote() << error;
        return 1;
    }
    const int exitCode = command.verb == CommandLine::AddUser ? addUser(storage, command)
                                                              : issueToken(storage, command);
    fflush(stdout);
    return exitCode;
}

} // namespace harajchat
