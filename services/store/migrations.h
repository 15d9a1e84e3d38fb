// Schema migrations: the numbered SQL files of migrations/, embedded in the
// binary at build time and applied in order, each once, each in its own
// transaction, recorded in schema_migrations. A session-level advisory lock
// makes concurrent runners (two keywardd starting at once) take turns.
//
// Thread-safety: ApplyMigrations may run from several processes or threads at
// once; the advisory lock serializes them.
#ifndef KEYWARD_SERVICES_STORE_MIGRATIONS_H_
#define KEYWARD_SERVICES_STORE_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace keyward::store {

class ConnectionPool;

struct Migration {
  std::string name;  // file name without ".sql", e.g. "0001_initial_schema"
  std::string sql;
};

// The migrations compiled into this binary, ordered by name.
const std::vector<Migration>& EmbeddedMigrations();

// Applies those of `migrations` not yet recorded and returns their names.
// Fails with FAILED_PRECONDITION when a recorded migration's text has changed
// since it was applied, and leaves the database as the last good migration
// left it when one fails.
absl::StatusOr<std::vector<std::string>> ApplyMigrations(
    ConnectionPool& pool, const std::vector<Migration>& migrations);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_MIGRATIONS_H_
