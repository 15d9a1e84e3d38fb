#include "services/domain/organization_admins.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace keyward::domain {

AdminRole OrganizationAdminRole() {
  return {"OrganizationAdmin", kOrganizationScope};
}

absl::Status LastAdminBindingError(const LastAdminBinding& refusal) {
  const std::string& role = refusal.admin.role;
  const std::string removed =
      refusal.binding_id.empty()
          ? absl::StrCat("account ", refusal.principal_id,
                         " holds the organization's last ", role, " binding")
          : absl::StrCat(refusal.binding_id, " is the organization's last ",
                         role, " binding");
  return absl::FailedPreconditionError(
      absl::StrCat(removed, ": grant ", role, " at ", refusal.admin.scope,
                   " to another account first"));
}

absl::StatusOr<DeleteResult> DeletedUnlessLastAdmin(
    absl::StatusOr<std::variant<DeleteResult, LastAdminBinding>> deleted) {
  if (!deleted.ok()) return deleted.status();
  if (const auto* refused = std::get_if<LastAdminBinding>(&*deleted)) {
    return LastAdminBindingError(*refused);
  }
  return std::get<DeleteResult>(*std::move(deleted));
}

}  // namespace keyward::domain
