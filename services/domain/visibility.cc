#include "services/domain/visibility.h"

#include "absl/strings/str_cat.h"

namespace keyward::domain {

Visibility::Visibility(const Caller& caller) : caller_id_(caller.id) {
  for (const CallerRoleBinding& binding : caller.role_bindings) {
    if (binding.scope == kOrganizationScope &&
        (binding.role == "OrganizationAdmin" ||
         binding.role == "AccountAdmin")) {
      everything_ = true;
    } else if (binding.role == "EnvironmentAdmin") {
      environments_.insert(binding.scope);
    } else if (binding.role == "CloudClusterAdmin") {
      resources_.insert(binding.scope);
    }
  }
}

bool Visibility::Environment(const std::string& environment_id) const {
  return everything_ || environments_.count(environment_id) > 0;
}

bool Visibility::Resource(const std::string& resource_id,
                          const std::string& environment_id) const {
  return Environment(environment_id) || resources_.count(resource_id) > 0;
}

bool Visibility::Account(const std::string& account_id) const {
  return everything_ || account_id == caller_id_;
}

bool Visibility::Key(const ApiKey& key,
                     const std::string& environment_id) const {
  return key.owner_id == caller_id_ ||
         Resource(key.resource_id, environment_id);
}

bool Visibility::RoleBinding(const domain::RoleBinding& binding) const {
  return everything_ || binding.principal_id == caller_id_;
}

bool Visibility::AuditEvent(const domain::AuditEvent& event) const {
  return everything_ || event.record.actor_id == caller_id_;
}

absl::Status Invisible(const std::string& what, const std::string& id) {
  return absl::NotFoundError(absl::StrCat(what, " ", id, " not found"));
}

}  // namespace keyward::domain
