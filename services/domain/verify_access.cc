#include "services/domain/verify_access.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace keyward::domain {
namespace {

bool Holds(const Caller& caller, const std::set<std::string>& roles,
           const std::string& scope) {
  for (const CallerRoleBinding& binding : caller.role_bindings) {
    if (binding.scope == scope && roles.count(binding.role)) return true;
  }
  return false;
}

}  // namespace

VerifyAccess::VerifyAccess(ResourceRepository& resources)
    : resources_(resources) {}

absl::Status VerifyAccess::Check(const Caller& caller,
                                 const std::string& resource_id) {
  if (Holds(caller, {"OrganizationAdmin", "AccountAdmin", "KeyVerifier"},
            "organization")) {
    return absl::OkStatus();
  }
  const bool cloud = resource_id == kCloudResourceId;
  if (!cloud &&
      Holds(caller, {"KeyVerifier", "CloudClusterAdmin"}, resource_id)) {
    return absl::OkStatus();
  }
  std::string environment_hint;
  if (!cloud) {
    // Only a caller with environment-scoped bindings costs a lookup.
    bool has_environment_binding = false;
    for (const CallerRoleBinding& binding : caller.role_bindings) {
      has_environment_binding |= binding.scope.rfind("env-", 0) == 0;
    }
    if (has_environment_binding) {
      absl::StatusOr<Resource> resource = resources_.Get(resource_id);
      if (resource.ok()) {
        if (Holds(caller, {"KeyVerifier", "EnvironmentAdmin"},
                  resource->environment_id)) {
          return absl::OkStatus();
        }
        environment_hint = resource->environment_id;
      } else if (resource.status().code() != absl::StatusCode::kNotFound) {
        return resource.status();
      }
    }
  }
  std::string needed = "KeyVerifier at organization";
  if (!cloud) {
    absl::StrAppend(&needed, ", KeyVerifier or CloudClusterAdmin at ",
                    resource_id);
    if (!environment_hint.empty()) {
      absl::StrAppend(&needed, ", KeyVerifier or EnvironmentAdmin at ",
                      environment_hint);
    }
  }
  return absl::PermissionDeniedError(
      absl::StrCat(caller.id, " may not verify keys for ", resource_id,
                   ": that needs ", needed));
}

}  // namespace keyward::domain
