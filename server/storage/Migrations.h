#pragma once

#include <QStringList>
#include <QVector>

namespace harajchat {

// One numbered step of the schema. Steps only ever get appended: a released step never changes.
struct Migration
{
    int version;
    QStringList statements;
};

const QVector<Migration> &schemaMigrations();

} // namespace harajchat
