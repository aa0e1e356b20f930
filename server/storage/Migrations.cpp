#include "storage/Migrations.h"

namespace harajchat {

// Portable SQL (SQLite and PostgreSQL), but for `postgresOnly`. Times are milliseconds since the
// epoch (BIGINT).
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
        {2,
         {
             // The newest seq_id handed out per topic: seq_ids never go back, even when the clock
             // does.
             QStringLiteral("ALTER TABLE topics ADD COLUMN last_seq_id BIGINT NOT NULL DEFAULT 0"),
             QStringLiteral("CREATE TABLE messages ("
                            " topic_id TEXT NOT NULL REFERENCES topics (topic_id),"
                            " seq_id BIGINT NOT NULL,"
                            " from_id BIGINT NOT NULL REFERENCES users (id),"
                            " content TEXT NOT NULL,"
                            " client_msg_id TEXT,"
                            " created_at BIGINT NOT NULL,"
                            " read_at BIGINT,"
                            " PRIMARY KEY (topic_id, seq_id))"),
             // A retried send finds its first attempt.
             QStringLiteral("CREATE UNIQUE INDEX messages_client_msg_id"
                            " ON messages (topic_id, from_id, client_msg_id)"
                            " WHERE client_msg_id IS NOT NULL"),
             // Unread counts and read marking only ever look at unread messages.
             QStringLiteral("CREATE INDEX messages_unread ON messages (topic_id, from_id, seq_id)"
                            " WHERE read_at IS NULL"),
         }},
        {3,
         {
             // A device token belongs to one user at a time: registering it moves it.
             QStringLiteral("CREATE TABLE devices ("
                            " token TEXT PRIMARY KEY,"
                            " user_id BIGINT NOT NULL REFERENCES users (id),"
                            " platform TEXT NOT NULL,"
                            " updated_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX devices_user ON devices (user_id)"),
             // One row per (message, device) waiting for FCM; next_attempt_at doubles as the lease
             // of a push in flight, so a crash mid-request retries it after the lease.
             QStringLiteral("CREATE TABLE push_outbox ("
                            " topic_id TEXT NOT NULL,"
                            " seq_id BIGINT NOT NULL,"
                            " token TEXT NOT NULL,"
                            " platform TEXT NOT NULL,"
                            " recipient_id BIGINT NOT NULL,"
                            " message TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " expires_at BIGINT NOT NULL,"
                            " next_attempt_at BIGINT NOT NULL,"
                            " attempts INTEGER NOT NULL DEFAULT 0,"
                            " PRIMARY KEY (topic_id, seq_id, token))"),
             QStringLiteral("CREATE INDEX push_outbox_due ON push_outbox (next_attempt_at)"),
             QStringLiteral("CREATE INDEX push_outbox_age ON push_outbox (created_at)"),
         }},
        {4,
         {
             // Nodes sharing one PostgreSQL database (docs/deployment.md): each heartbeats, and
             // records the users it holds authenticated sockets of.
             QStringLiteral("CREATE TABLE cluster_nodes ("
                            " node_id TEXT PRIMARY KEY,"
                            " started_at BIGINT NOT NULL,"
                            " heartbeat_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE cluster_sessions ("
                            " node_id TEXT NOT NULL,"
                            " user_id BIGINT NOT NULL,"
                            " PRIMARY KEY (node_id, user_id))"),
             QStringLiteral("CREATE INDEX cluster_sessions_user ON cluster_sessions (user_id)"),
             // Events too large for a NOTIFY payload travel as a reference to a row here.
             QStringLiteral("CREATE TABLE cluster_events ("
                            " event_id TEXT PRIMARY KEY,"
                            " body TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL)"),
         }},
        {5,
         {
             // Every message moves its topic's last_activity: indexes holding it moved an entry
             // (and wrote a page) per message. A user's topics are few, so sorting them is cheap.
             QStringLiteral("DROP INDEX topics_user_a"),
             QStringLiteral("DROP INDEX topics_user_b"),
             QStringLiteral("CREATE INDEX topics_of_user_a ON topics (user_a)"),
             QStringLiteral("CREATE INDEX topics_of_user_b ON topics (user_b)"),
         }},
        {6,
         {
             // Unread counts kept in the topic row, which each message updates anyway, instead of
             // an index of unread messages that each message added a page to. `unread_a`: messages
             // of user_b that user_a has not read; `read_up_to_a`: user_a has read every message of
             // user_b up to this seq_id, where marking `up_to` starts looking.
             QStringLiteral("ALTER TABLE topics ADD COLUMN unread_a BIGINT NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE topics ADD COLUMN unread_b BIGINT NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE topics ADD COLUMN read_up_to_a BIGINT NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE topics ADD COLUMN read_up_to_b BIGINT NOT NULL DEFAULT 0"),
             QStringLiteral("UPDATE topics SET"
                            " unread_a = (SELECT COUNT(*) FROM messages m WHERE"
                            " m.topic_id = topics.topic_id AND m.from_id = topics.user_b"
                            " AND m.read_at IS NULL),"
                            " unread_b = (SELECT COUNT(*) FROM messages m WHERE"
                            " m.topic_id = topics.topic_id AND m.from_id = topics.user_a"
                            " AND m.read_at IS NULL)"),
             QStringLiteral("DROP INDEX messages_unread"),
         }},
        {7,
         {
             // The node (or, on SQLite, the process) a push in flight is leased to: a lease of a
             // node that is gone is released at once rather than waited out.
             QStringLiteral("ALTER TABLE push_outbox ADD COLUMN leased_by TEXT"),
         }},
        {8,
         {},
         {
             // A batch inserts messages only into topics whose rows it holds locked, from users
             // their authentication stored, and nothing deletes topics or users: the per-row
             // foreign-key checks (a query each) were a tenth of PostgreSQL's CPU at 5,000 msg/s.
             QStringLiteral("ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_topic_id_fkey,"
                            " DROP CONSTRAINT IF EXISTS messages_from_id_fkey"),
         }},
    };
    return migrations;
}

} // namespace harajchat
