#include "services/domain/bootstrap.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr char kAdminRole[] = "OrganizationAdmin";
// The actor of bootstrap's audit events and the creator of its key: no
// caller exists yet.
constexpr char kBootstrapActor[] = "bootstrap";

AuditRecord BootstrapAudit(const std::string& action, const std::string& target,
                           const nlohmann::json& summary) {
  AuditRecord record;
  record.actor_id = kBootstrapActor;
  record.action = action;
  record.target_id = target;
  record.allowed = true;
  record.request_summary_json = summary.dump();
  return record;
}

// One event per object created, in the order they are written.
std::vector<AuditRecord> BootstrapAudits(const FirstAdmin& admin) {
  return {BootstrapAudit("user_account.create", admin.account.id,
                         {{"email", admin.account.email},
                          {"display_name", admin.account.display_name}}),
          BootstrapAudit("role_binding.create", admin.role_binding.id,
                         {{"principal_id", admin.role_binding.principal_id},
                          {"role", admin.role_binding.role},
                          {"scope", admin.role_binding.scope}}),
          BootstrapAudit("api_key.create", admin.key.id,
                         {{"owner_id", admin.key.owner_id},
                          {"resource_id", admin.key.resource_id}})};
}

}  // namespace

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
  admin.role_binding.id = NewId(IdKind::kRoleBinding);
  admin.role_binding.principal_id = admin.account.id;
  admin.role_binding.role = kAdminRole;
  admin.role_binding.scope = kOrganizationScope;
  admin.role_binding.create_time = now;
  admin.key.id = NewId(IdKind::kApiKey);
  admin.key.owner_id = admin.account.id;
  admin.key.owner_type = AccountType::kUser;
  admin.key.resource_id = kCloudResourceId;
  admin.key.resource_kind = ResourceKind::kCloud;
  admin.key.display_name = "bootstrap";
  admin.key.description = "the first OrganizationAdmin's Cloud key";
  admin.key.created_by = kBootstrapActor;
  admin.key.create_time = admin.key.update_time = now;
  admin.secret = crypto::NewSecret();
  KEYWARD_ASSIGN_OR_RETURN(
      const std::optional<ExistingAdmin> existing,
      repository.CreateFirstAdmin(admin, hasher.Hash(admin.secret),
                                  BootstrapAudits(admin), now));
  if (existing) {
    return absl::FailedPreconditionError(absl::StrCat(
        "an ", kAdminRole, " already exists (", existing->principal_id,
        "); bootstrap only opens an empty installation"));
  }
  return admin;
}

}  // namespace keyward::domain
