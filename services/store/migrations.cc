#include "services/store/migrations.h"

#include <openssl/evp.h>

#include <map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/store/connection_pool.h"

namespace keyward::store {
namespace {

// Any constant works as long as every keywardd uses the same one.
constexpr int64_t kMigrationLockKey = 0x6b6579776172640;  // "keyward"

// Ends a migration run: the connection goes back to the pool with its
// session limits.
constexpr char kReleaseLockAndLimits[] =
    "SELECT pg_advisory_unlock_all(); RESET statement_timeout; "
    "RESET lock_timeout";

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      std::string(reinterpret_cast<const char*>(digest), length));
}

void Execute(pqxx::connection& c, const std::string& sql) {
  pqxx::nontransaction statement(c);
  statement.exec(sql);
}

std::map<std::string, std::string> RecordedChecksums(pqxx::connection& c) {
  pqxx::work txn(c);
  txn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "  name text PRIMARY KEY,"
      "  checksum text NOT NULL,"
      "  applied_at timestamptz NOT NULL DEFAULT now())");
  std::map<std::string, std::string> recorded;
  for (const auto& row :
       txn.exec("SELECT name, checksum FROM schema_migrations")) {
    recorded[row["name"].as<std::string>()] = row["checksum"].as<std::string>();
  }
  txn.commit();
  return recorded;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ApplyMigrations(
    ConnectionPool& pool, const std::vector<Migration>& migrations) {
  std::vector<std::string> applied;
  absl::Status outcome;
  auto apply_pending = [&](pqxx::connection& c) {
    const std::map<std::string, std::string> recorded = RecordedChecksums(c);
    for (const Migration& migration : migrations) {
      const std::string checksum = Sha256Hex(migration.sql);
      auto it = recorded.find(migration.name);
      if (it != recorded.end()) {
        if (it->second == checksum) continue;
        outcome = absl::FailedPreconditionError(absl::StrCat(
            "migration ", migration.name,
            " was edited after it was applied; add a new migration instead"));
        return;
      }
      try {
        pqxx::work txn(c);
        txn.exec(migration.sql);
        txn.exec_params(
            "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)",
            migration.name, checksum);
        txn.commit();
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const pqxx::sql_error& error) {
        outcome = absl::FailedPreconditionError(absl::StrCat(
            "migration ", migration.name, " failed: ", error.what()));
        return;
      }
      applied.push_back(migration.name);
    }
  };
  absl::Status run = pool.Run([&](pqxx::connection& c) {
    // A migration may rewrite a big table, and a replica waits here for
    // another one's migrations: keywardd's per-request limits do not apply.
    Execute(c, "SET statement_timeout = 0; SET lock_timeout = 0");
    Execute(c,
            absl::StrCat("SELECT pg_advisory_lock(", kMigrationLockKey, ")"));
    try {
      apply_pending(c);
    } catch (...) {
      // The lock is released with the session if the connection broke.
      if (c.is_open()) Execute(c, kReleaseLockAndLimits);
      throw;
    }
    Execute(c, kReleaseLockAndLimits);
  });
  if (!run.ok()) return run;
  if (!outcome.ok()) return outcome;
  return applied;
}

}  // namespace keyward::store
