#include "services/store/organization_admins.h"

#include "absl/strings/str_cat.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

// A binding deleted by a transaction this one waited for is not returned.
const Statement kLockAdmins(
    "role_bindings.lock_organization_admins",
    "SELECT id, principal_id FROM role_bindings WHERE role = "
    "'OrganizationAdmin' AND scope = 'organization' ORDER BY id FOR UPDATE");

}  // namespace

absl::Status KeepAnOrganizationAdmin(pqxx::work& txn,
                                     const RemovedBindings& removed) {
  const pqxx::result admins = ExecPrepared(txn, kLockAdmins);
  int removed_count = 0;
  const pqxx::row_size_type id = admins.column_number("id");
  const pqxx::row_size_type principal_id = admins.column_number("principal_id");
  for (const pqxx::row& admin : admins) {
    if (admin[id].as<std::string>() == removed.binding_id ||
        admin[principal_id].as<std::string>() == removed.principal_id) {
      ++removed_count;
    }
  }
  if (removed_count == 0 || removed_count < static_cast<int>(admins.size())) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      removed.binding_id.empty()
          ? absl::StrCat("account ", removed.principal_id,
                         " holds the organization's last OrganizationAdmin "
                         "binding")
          : absl::StrCat(removed.binding_id,
                         " is the organization's last OrganizationAdmin "
                         "binding"),
      ": grant OrganizationAdmin at organization to another account first"));
}

}  // namespace keyward::store
