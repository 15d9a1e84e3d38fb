#include "services/store/bootstrap_repository.h"

#include <nlohmann/json.hpp>

#include "services/store/transaction.h"

namespace keyward::store {
namespace {

constexpr int64_t kBootstrapLockKey = 0x6b77626f6f74;  // "kwboot"

domain::AuditRecord BootstrapAudit(const std::string& action,
                                   const std::string& target,
                                   const nlohmann::json& summary) {
  domain::AuditRecord record;
  record.actor_id = "bootstrap";
  record.action = action;
  record.target_id = target;
  record.allowed = true;
  record.request_summary_json = summary.dump();
  return record;
}

}  // namespace

PgBootstrapRepository::PgBootstrapRepository(Database& database)
    : database_(database) {}

absl::Status PgBootstrapRepository::CreateFirstAdmin(
    const domain::FirstAdmin& admin, const std::string& secret_hash,
    domain::Time now) {
  absl::Status outcome;
  const absl::Status status = database_.pool().Run([&](pqxx::connection& c) {
    pqxx::work txn(c);
    txn.exec_params("SELECT pg_advisory_xact_lock($1)", kBootstrapLockKey);
    const pqxx::result existing = txn.exec(
        "SELECT principal_id FROM role_bindings WHERE role = "
        "'OrganizationAdmin' LIMIT 1");
    if (!existing.empty()) {
      outcome = absl::FailedPreconditionError(
          "an OrganizationAdmin already exists (" +
          existing[0][0].as<std::string>() +
          "); bootstrap only opens an empty installation");
      return;
    }
    txn.exec_params(
        "INSERT INTO accounts (id, type, display_name, email, create_time, "
        "update_time) VALUES ($1, 'USER', $2, $3, " KEYWARD_SQL_TIME(
            "$4") ", " KEYWARD_SQL_TIME("$4") ")",
        admin.account.id, admin.account.display_name, admin.account.email,
        ToMicros(now));
    txn.exec_params(
        "INSERT INTO role_bindings (id, principal_id, role, scope, "
        "create_time) VALUES ($1, $2, 'OrganizationAdmin', "
        "'organization', " KEYWARD_SQL_TIME("$3") ")",
        admin.role_binding_id, admin.account.id, ToMicros(now));
    txn.exec_params(
        "INSERT INTO api_keys (id, owner_id, resource_id, secret_hash, "
        "display_name, description, created_by, create_time, update_time) "
        "VALUES ($1, $2, NULL, $3, $4, $5, 'bootstrap', " KEYWARD_SQL_TIME(
            "$6") ", " KEYWARD_SQL_TIME("$6") ")",
        admin.key.id, admin.account.id, pqxx::binarystring(secret_hash),
        admin.key.display_name, admin.key.description, ToMicros(now));
    InsertAuditEvent(
        txn,
        BootstrapAudit("user_account.create", admin.account.id,
                       {{"email", admin.account.email},
                        {"display_name", admin.account.display_name}}),
        now);
    InsertAuditEvent(
        txn,
        BootstrapAudit("role_binding.create", admin.role_binding_id,
                       {{"principal_id", admin.account.id},
                        {"role", "OrganizationAdmin"},
                        {"scope", "organization"}}),
        now);
    InsertAuditEvent(txn,
                     BootstrapAudit("api_key.create", admin.key.id,
                                    {{"owner_id", admin.account.id},
                                     {"resource_id", "cloud"}}),
                     now);
    txn.commit();
  });
  if (!status.ok()) return status;
  return outcome;
}

}  // namespace keyward::store
