#pragma once

#include <QStringList>
#include <QVector>

namespace harajchat {

// One numbered step of the schema. Steps only ever get appended: a released step never changes.
struct Migration
{
    int version;
    QStringList statements;
    // Run on PostgreSQL only (SQLite records the step and runs nothing): what only one dialect
    // can do, or needs.
    QStringList postgresOnly = {};
};

const QVector<Migration> &schemaMigrations();

} // namespace harajchat
