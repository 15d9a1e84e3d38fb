#include "services/store/bootstrap_repository.h"

#include "services/store/audit_events.h"
#include "services/store/connection_pool.h"
#include "services/store/sql_time.h"

namespace keyward::store {
namespace {

constexpr int64_t kBootstrapLockKey = 0x6b77626f6f74;  // "kwboot"

}  // namespace

PgBootstrapRepository::PgBootstrapRepository(Database& database)
    : database_(database) {}

// Runs once per installation, so its statements are not prepared.
absl::StatusOr<std::optional<domain::ExistingAdmin>>
PgBootstrapRepository::CreateFirstAdmin(
    const domain::FirstAdmin& admin, const std::string& secret_hash,
    const std::vector<domain::AuditRecord>& audit, domain::Time now) {
  std::optional<domain::ExistingAdmin> existing;
  const absl::Status status = database_.pool().Run([&](pqxx::connection& c) {
    pqxx::work txn(c);
    txn.exec_params("SELECT pg_advisory_xact_lock($1)", kBootstrapLockKey);
    const pqxx::result holders = txn.exec_params(
        "SELECT principal_id FROM role_bindings WHERE role = $1 LIMIT 1",
        admin.role_binding.role);
    if (!holders.empty()) {
      existing =
          domain::ExistingAdmin{holders[0]["principal_id"].as<std::string>()};
      return;
    }
    txn.exec_params(
        "INSERT INTO accounts (id, type, display_name, email, create_time, "
        "update_time) VALUES ($1, $2, $3, $4, " KEYWARD_SQL_TIME(
            "$5") ", " KEYWARD_SQL_TIME("$5") ")",
        admin.account.id, domain::AccountTypeName(admin.account.type),
        admin.account.display_name, admin.account.email, ToMicros(now));
    // At the organization: neither scope_environment_id nor
    // scope_resource_id.
    txn.exec_params(
        "INSERT INTO role_bindings (id, principal_id, role, scope, "
        "create_time) VALUES ($1, $2, $3, $4, " KEYWARD_SQL_TIME("$5") ")",
        admin.role_binding.id, admin.role_binding.principal_id,
        admin.role_binding.role, admin.role_binding.scope, ToMicros(now));
    txn.exec_params(
        "INSERT INTO api_keys (id, owner_id, resource_id, secret_hash, "
        "display_name, description, created_by, create_time, update_time) "
        "VALUES ($1, $2, NULL, $3, $4, $5, $6, " KEYWARD_SQL_TIME(
            "$7") ", " KEYWARD_SQL_TIME("$7") ")",
        admin.key.id, admin.key.owner_id, pqxx::binarystring(secret_hash),
        admin.key.display_name, admin.key.description, admin.key.created_by,
        ToMicros(now));
    for (const domain::AuditRecord& record : audit) {
      InsertAuditEvent(txn, record, now);
    }
    txn.commit();
  });
  if (!status.ok()) return status;
  return existing;
}

}  // namespace keyward::store
