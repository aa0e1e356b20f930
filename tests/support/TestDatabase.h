#pragma once

#include "storage/SqlStorage.h"

#include <QTemporaryDir>

namespace harajchat::test {

// Where a test's data lives. By default a SQLite file in `dir`. When the environment variable
// HARAJCHAT_TEST_POSTGRES_DIR names a running test cluster (tests/postgres/test-cluster.sh), a
// fresh PostgreSQL database on it instead, so every suite can run against both backends.
// The same name gives the same database within one test process (reopen and restart tests).
StorageSettings testStorage(const QTemporaryDir &dir, const QString &name);
bool testingPostgres();

} // namespace harajchat::test
