#include "services/domain/verify_access.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/roles.h"

namespace keyward::domain {
namespace {

// Whether one of the caller's bindings at `scope` is of a role that
// verifies keys there.
bool VerifiesAt(const Caller& caller, const std::string& scope) {
  const std::optional<ScopeKind> kind = ScopeKindOf(scope);
  for (const CallerRoleBinding& binding : caller.role_bindings) {
    if (binding.scope != scope) continue;
    const RoleDefinition* role = FindRole(binding.role);
    if (role != nullptr && role->verifies && kind && BindableAt(*role, *kind)) {
      return true;
    }
  }
  return false;
}

// "KeyVerifier or CloudClusterAdmin at lkc-…": the roles that verify at a
// scope of that kind.
std::string VerifyingRolesAt(const std::string& scope) {
  const std::optional<ScopeKind> kind = ScopeKindOf(scope);
  std::vector<absl::string_view> names;
  for (const RoleDefinition& role : Roles()) {
    if (role.verifies && kind && BindableAt(role, *kind)) {
      names.push_back(role.name);
    }
  }
  return absl::StrCat(absl::StrJoin(names, " or "), " at ", scope);
}

}  // namespace

VerifyAccess::VerifyAccess(ResourceRepository& resources)
    : resources_(resources) {}

absl::Status VerifyAccess::Check(const Caller& caller,
                                 const std::string& resource_id) {
  if (VerifiesAt(caller, kOrganizationScope)) return absl::OkStatus();
  const bool cloud = resource_id == kCloudResourceId;
  if (!cloud && VerifiesAt(caller, resource_id)) return absl::OkStatus();
  std::string environment_hint;
  if (!cloud) {
    // Only a caller with environment-scoped bindings costs a lookup.
    bool has_environment_binding = false;
    for (const CallerRoleBinding& binding : caller.role_bindings) {
      has_environment_binding |=
          ScopeKindOf(binding.scope) == ScopeKind::kEnvironment;
    }
    if (has_environment_binding) {
      absl::StatusOr<Resource> resource =
          resources_.Get(resource_id, ReadScope::Everything());
      if (resource.ok()) {
        if (VerifiesAt(caller, resource->environment_id)) {
          return absl::OkStatus();
        }
        environment_hint = resource->environment_id;
      } else if (resource.status().code() != absl::StatusCode::kNotFound) {
        return resource.status();
      }
    }
  }
  std::vector<std::string> needed = {VerifyingRolesAt(kOrganizationScope)};
  if (!cloud) needed.push_back(VerifyingRolesAt(resource_id));
  if (!environment_hint.empty()) {
    needed.push_back(VerifyingRolesAt(environment_hint));
  }
  return absl::PermissionDeniedError(
      absl::StrCat(caller.id, " may not verify keys for ", resource_id,
                   ": that needs ", absl::StrJoin(needed, ", ")));
}

}  // namespace keyward::domain
