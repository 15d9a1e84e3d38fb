#include "services/domain/bootstrap.h"

#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"

namespace keyward::domain {

absl::StatusOr<FirstAdmin> BootstrapFirstAdmin(
    BootstrapRepository& repository, const crypto::SecretHasher& hasher,
    const Clock& clock, const std::string& email,
    const std::string& display_name) {
  KEYWARD_RETURN_IF_ERROR(CheckEmail("email", email));
  KEYWARD_RETURN_IF_ERROR(
      CheckText("display_name", display_name, Presence::kRequired));
  const Time now = clock.Now();

  FirstAdmin admin;
  admin.account.id = NewId(IdKind::kUser);
  admin.account.type = AccountType::kUser;
  admin.account.email = email;
  admin.account.display_name = display_name;
  admin.account.create_time = admin.account.update_time = now;
  admin.role_binding_id = NewId(IdKind::kRoleBinding);
  admin.key.id = NewId(IdKind::kApiKey);
  admin.key.owner_id = admin.account.id;
  admin.key.owner_type = AccountType::kUser;
  admin.key.resource_id = kCloudResourceId;
  admin.key.resource_kind = ResourceKind::kCloud;
  admin.key.display_name = "bootstrap";
  admin.key.description = "the first OrganizationAdmin's Cloud key";
  admin.key.created_by = "bootstrap";
  admin.key.create_time = admin.key.update_time = now;
  admin.secret = crypto::NewSecret();
  KEYWARD_RETURN_IF_ERROR(
      repository.CreateFirstAdmin(admin, hasher.Hash(admin.secret), now));
  return admin;
}

}  // namespace keyward::domain
