#include "storage/Migrations.h"

namespace harajchat {

// Portable SQL only (SQLite and PostgreSQL). Times are milliseconds since the epoch (BIGINT).
const QVector<Migration> &schemaMigrations()
{
    static const QVector<Migration> migrations{
        {1,
         {
             QStringLiteral("CREATE TABLE users ("
                            " id BIGINT PRIMARY KEY,"
                            " name TEXT NOT NULL,"
                            " password_hash TEXT,"
                            " created_at BIGINT NOT NULL)"),
             // Login names are unique among users who can log in with a password.
             QStringLiteral("CREATE UNIQUE INDEX users_login_name ON users (name)"
                            " WHERE password_hash IS NOT NULL"),
             QStringLiteral("CREATE TABLE access_tokens ("
                            " token_hash TEXT PRIMARY KEY,"
                            " user_id BIGINT NOT NULL REFERENCES users (id),"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX access_tokens_user ON access_tokens (user_id)"),
             QStringLiteral("CREATE TABLE topics ("
                            " topic_id TEXT PRIMARY KEY,"
                            " user_a BIGINT NOT NULL REFERENCES users (id),"
                            " user_b BIGINT NOT NULL REFERENCES users (id),"
                            " created_at BIGINT NOT NULL,"
                            " last_activity BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX topics_user_a ON topics (user_a, last_activity)"),
             QStringLiteral("CREATE INDEX topics_user_b ON topics (user_b, last_activity)"),
         }},
    };
    return migrations;
}

} // namespace harajchat
