#include "services/store/role_binding_repository.h"

#include "absl/strings/str_cat.h"
#include "services/domain/ids.h"
#include "services/store/delete_result.h"
#include "services/store/not_found.h"
#include "services/store/organization_admins.h"
#include "services/store/paging.h"
#include "services/store/revocations.h"
#include "services/store/rows.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"
#include "services/store/transaction.h"
#include "services/store/visibility.h"

namespace keyward::store {
namespace {

using domain::RoleBinding;

using Created = std::variant<RoleBinding, domain::RoleAlreadyHeld>;
using Deleted = std::variant<domain::DeleteResult, domain::LastAdminBinding>;

// The foreign key columns a scope fills: (scope_environment_id,
// scope_resource_id), both null for the organization.
struct ScopeKeys {
  std::optional<std::string> environment_id;
  std::optional<std::string> resource_id;
};

ScopeKeys KeysOfScope(const std::string& scope) {
  ScopeKeys keys;
  if (domain::KindOfId(scope) == domain::IdKind::kEnvironment) {
    keys.environment_id = scope;
  } else if (domain::ResourceKindOfId(scope)) {
    keys.resource_id = scope;
  }
  return keys;
}

// Key-share locks on what a binding refers to: held until the transaction
// ends, so the row cannot be deleted before the insert.
const Statement kShareAccount(
    "role_bindings.share_account",
    "SELECT 1 FROM accounts WHERE id = $1 FOR KEY SHARE");
const Statement kShareEnvironment(
    "role_bindings.share_environment",
    "SELECT 1 FROM environments WHERE id = $1 FOR KEY SHARE");
const Statement kShareResource(
    "role_bindings.share_resource",
    "SELECT 1 FROM resources WHERE id = $1 FOR KEY SHARE");
// An outstanding invitation was checked against the bindings the principal
// had then (no_escalation): it must not outlive them.
const Statement kDeleteOutstandingInvitations(
    "role_bindings.delete_outstanding_invitations",
    "DELETE FROM invitations WHERE account_id = $1 AND redeem_time IS NULL");
// The unique constraint decides between concurrent creates; ON CONFLICT
// keeps the transaction usable so the existing binding can be named.
const Statement kInsert(
    "role_bindings.insert",
    absl::StrCat("INSERT INTO role_bindings (id, principal_id, role, scope, "
                 "scope_environment_id, scope_resource_id, create_time) "
                 "VALUES ($1, $2, $3, $4, $5, $6, ",
                 KEYWARD_SQL_TIME("$7"),
                 ") ON CONFLICT ON CONSTRAINT role_bindings_unique "
                 "DO NOTHING RETURNING ",
                 kRoleBindingColumns));
const Statement kFindSame("role_bindings.find_same",
                          "SELECT id FROM role_bindings WHERE principal_id = "
                          "$1 AND role = $2 AND scope = $3");
const Statement kGetVisible(
    "role_bindings.get_visible",
    absl::StrCat("SELECT ", kRoleBindingColumns,
                 " FROM role_bindings WHERE id = $1 AND ",
                 VisibleRoleBinding(2, "role_bindings.principal_id")));
const Statement kDelete(
    "role_bindings.delete",
    "DELETE FROM role_bindings WHERE id = $1 RETURNING principal_id");
const Statement kOfPrincipal(
    "role_bindings.of_principal",
    absl::StrCat("SELECT ", kRoleBindingColumns,
                 " FROM role_bindings WHERE principal_id = $1 "
                 "ORDER BY create_time, id"));

// NOT_FOUND "<what> <id> not found" unless `lock` finds the row.
absl::Status LockExisting(pqxx::work& txn, const Statement& lock,
                          const char* what, const std::string& id) {
  if (ExecPrepared(txn, lock, id).empty()) return NotFound(what, id);
  return absl::OkStatus();
}

}  // namespace

PgRoleBindingRepository::PgRoleBindingRepository(Database& database)
    : database_(database) {}

absl::StatusOr<Created> PgRoleBindingRepository::Create(
    const RoleBinding& binding, const domain::Mutation& mutation) {
  const ScopeKeys keys = KeysOfScope(binding.scope);
  return RunRefusableRevokingMutation<Created>(
      database_, mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Created> {
        absl::Status status =
            LockExisting(txn, kShareAccount, "account", binding.principal_id);
        if (status.ok() && keys.environment_id) {
          status = LockExisting(txn, kShareEnvironment, "environment",
                                *keys.environment_id);
        }
        if (status.ok() && keys.resource_id) {
          status =
              LockExisting(txn, kShareResource, "resource", *keys.resource_id);
        }
        if (!status.ok()) return status;
        ExecPrepared(txn, kDeleteOutstandingInvitations, binding.principal_id);
        const pqxx::result rows =
            ExecPrepared(txn, kInsert, binding.id, binding.principal_id,
                         binding.role, binding.scope, keys.environment_id,
                         keys.resource_id, ToMicros(mutation.now));
        if (!rows.empty()) return Created(RoleBindingReader(rows)(rows[0]));
        const pqxx::result existing = ExecPrepared(
            txn, kFindSame, binding.principal_id, binding.role, binding.scope);
        return Created(domain::RoleAlreadyHeld{
            binding.principal_id, binding.role, binding.scope,
            existing.empty() ? "" : existing[0]["id"].as<std::string>()});
      },
      // Every replica's cached bindings of the principal go stale.
      [](const RoleBinding& created) {
        return std::vector<std::string>{created.principal_id};
      });
}

absl::StatusOr<RoleBinding> PgRoleBindingRepository::Get(
    const std::string& id, const domain::ReadScope& reader) {
  return RunRead<RoleBinding>(
      database_.pool(),
      [&](pqxx::transaction_base& txn) -> absl::StatusOr<RoleBinding> {
        const pqxx::result rows =
            ExecPrepared(txn, kGetVisible, id, ReaderParam(reader));
        if (rows.empty()) return NotFound("role binding", id);
        return RoleBindingReader(rows)(rows[0]);
      });
}

absl::StatusOr<domain::Page<RoleBinding>> PgRoleBindingRepository::List(
    const std::optional<std::string>& principal_id,
    const std::optional<std::string>& scope, const domain::PageRequest& page,
    const domain::ReadScope& reader) {
  return RunRead<domain::Page<RoleBinding>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<domain::Page<RoleBinding>> {
        const pqxx::result rows = txn.exec_params(
            absl::StrCat("SELECT ", kRoleBindingColumns,
                         " FROM role_bindings WHERE ($1::text IS NULL OR "
                         "principal_id = $1) AND ($2::text IS NULL OR "
                         "scope = $2) AND ",
                         AfterCursorCondition(3, 4), " AND ",
                         VisibleRoleBinding(6, "role_bindings.principal_id"),
                         " ORDER BY create_time, id LIMIT $5"),
            principal_id, scope, CursorMicros(page), CursorId(page),
            page.page_size + 1, ReaderParam(reader));
        return MakePage<RoleBinding>(rows, page, RoleBindingReader(rows));
      });
}

absl::StatusOr<Deleted> PgRoleBindingRepository::Delete(
    const std::string& id, const domain::AdminRole& admin,
    const domain::Mutation& mutation) {
  std::string principal_id;
  return RunRefusableRevokingMutation<Deleted>(
      database_, mutation,
      [&](pqxx::work& txn) -> absl::StatusOr<Deleted> {
        if (std::optional<domain::LastAdminBinding> last_admin =
                KeepAnAdmin(txn, admin, {id, ""})) {
          return Deleted(*std::move(last_admin));
        }
        const pqxx::result rows = ExecPrepared(txn, kDelete, id);
        if (rows.empty()) return NotFound("role binding", id);
        principal_id = rows[0]["principal_id"].as<std::string>();
        return Deleted(DeleteResultFor(id, mutation));
      },
      [&](const domain::DeleteResult&) {
        return std::vector<std::string>{principal_id};
      });
}

absl::StatusOr<std::vector<RoleBinding>>
PgRoleBindingRepository::ListForPrincipal(const std::string& principal_id) {
  return RunRead<std::vector<RoleBinding>>(
      database_.pool(),
      [&](pqxx::transaction_base& txn)
          -> absl::StatusOr<std::vector<RoleBinding>> {
        const pqxx::result rows = ExecPrepared(txn, kOfPrincipal, principal_id);
        std::vector<RoleBinding> bindings;
        bindings.reserve(rows.size());
        const RoleBindingReader read_binding(rows);
        for (const pqxx::row& row : rows) bindings.push_back(read_binding(row));
        return bindings;
      });
}

}  // namespace keyward::store
