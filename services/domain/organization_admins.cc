#include "services/domain/organization_admins.h"

#include "absl/strings/str_cat.h"

namespace keyward::domain {

AdminRole OrganizationAdminRole() {
  return {"OrganizationAdmin", kOrganizationScope};
}

absl::Status RefusalError(const LastAdminBinding& refusal) {
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

}  // namespace keyward::domain
