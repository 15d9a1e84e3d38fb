#include "services/store/organization_admins.h"

#include "services/store/statement.h"

namespace keyward::store {
namespace {

// A binding deleted by a transaction this one waited for is not returned.
const Statement kLockAdmins(
    "role_bindings.lock_admins",
    "SELECT id, principal_id FROM role_bindings WHERE role = $1 AND "
    "scope = $2 ORDER BY id FOR UPDATE");

}  // namespace

std::optional<domain::LastAdminBinding> KeepAnAdmin(
    pqxx::work& txn, const domain::AdminRole& admin,
    const RemovedBindings& removed) {
  const pqxx::result admins =
      ExecPrepared(txn, kLockAdmins, admin.role, admin.scope);
  int removed_count = 0;
  const pqxx::row_size_type id = admins.column_number("id");
  const pqxx::row_size_type principal_id = admins.column_number("principal_id");
  for (const pqxx::row& binding : admins) {
    if (binding[id].as<std::string>() == removed.binding_id ||
        binding[principal_id].as<std::string>() == removed.principal_id) {
      ++removed_count;
    }
  }
  if (removed_count == 0 || removed_count < static_cast<int>(admins.size())) {
    return std::nullopt;
  }
  return domain::LastAdminBinding{admin, removed.binding_id,
                                  removed.principal_id};
}

}  // namespace keyward::store
