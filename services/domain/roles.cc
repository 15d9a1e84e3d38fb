#include "services/domain/roles.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/ids.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

using S = ScopeKind;

absl::string_view ScopeKindText(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kOrganization:
      return "\"organization\"";
    case ScopeKind::kEnvironment:
      return "an environment id (env-…)";
    case ScopeKind::kResource:
      break;
  }
  return "a resource id (lkc-…, lsrc-…, lksqlc-… or lfr-…)";
}

template <typename T>
bool Contains(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool ManagesAnyOf(const RoleDefinition& role,
                  std::initializer_list<absl::string_view> kinds) {
  for (absl::string_view kind : kinds) {
    if (Manages(role, kind)) return true;
  }
  return false;
}

}  // namespace

const std::vector<RoleDefinition>& Roles() {
  static const std::vector<RoleDefinition> roles = {
      {"OrganizationAdmin",
       {S::kOrganization},
       std::vector<absl::string_view>(std::begin(kObjectKinds),
                                      std::end(kObjectKinds)),
       true},
      {"AccountAdmin",
       {S::kOrganization},
       {"service_account", "user_account", "api_key", "invitation"},
       true},
      {"EnvironmentAdmin", {S::kEnvironment}, {"resource", "api_key"}, true},
      {"CloudClusterAdmin", {S::kResource}, {"api_key"}, true},
      {"KeyVerifier",
       {S::kOrganization, S::kEnvironment, S::kResource},
       {},
       true},
  };
  return roles;
}

const RoleDefinition* FindRole(absl::string_view name) {
  for (const RoleDefinition& role : Roles()) {
    if (role.name == name) return &role;
  }
  return nullptr;
}

std::optional<ScopeKind> ScopeKindOf(absl::string_view scope) {
  const std::string_view id(scope.data(), scope.size());
  if (scope == kOrganizationScope) return ScopeKind::kOrganization;
  if (KindOfId(id) == IdKind::kEnvironment) return ScopeKind::kEnvironment;
  if (ResourceKindOfId(id)) return ScopeKind::kResource;
  return std::nullopt;
}

bool Manages(const RoleDefinition& role, absl::string_view kind) {
  return Contains(role.manages, kind);
}

bool BindableAt(const RoleDefinition& role, ScopeKind kind) {
  return Contains(role.scopes, kind);
}

absl::Status CheckScope(absl::string_view field, absl::string_view scope) {
  constexpr char kExpected[] =
      "\"organization\", an environment id (env-…) or a resource id (lkc-…, "
      "lsrc-…, lksqlc-… or lfr-…)";
  if (scope.empty()) {
    return InvalidField(field, absl::StrCat("is required: ", kExpected));
  }
  if (ScopeKindOf(scope)) {
    return absl::OkStatus();
  }
  return InvalidField(field, absl::StrCat("must be ", kExpected));
}

absl::Status CheckRoleAtScope(absl::string_view role_field,
                              absl::string_view role_name,
                              absl::string_view scope_field,
                              absl::string_view scope) {
  const RoleDefinition* role = FindRole(role_name);
  if (role == nullptr) {
    std::vector<absl::string_view> names;
    for (const RoleDefinition& r : Roles()) names.push_back(r.name);
    const std::string list = absl::StrJoin(names, ", ");
    return InvalidField(
        role_field,
        role_name.empty()
            ? absl::StrCat("is required (one of ", list, "; case-sensitive)")
            : absl::StrCat("must be one of ", list, " (case-sensitive)"));
  }
  if (absl::Status status = CheckScope(scope_field, scope); !status.ok()) {
    return status;
  }
  const ScopeKind kind = *ScopeKindOf(scope);
  if (!BindableAt(*role, kind)) {
    std::vector<absl::string_view> allowed;
    for (ScopeKind fits : role->scopes) allowed.push_back(ScopeKindText(fits));
    const std::string expected = absl::StrJoin(allowed, " or ");
    return InvalidField(scope_field,
                        absl::StrCat(role->name, " is bound at ", expected,
                                     ", not at ", scope));
  }
  return absl::OkStatus();
}

ReadScope ReadScope::Everything() {
  ReadScope everything;
  everything.whole_organization = true;
  everything.all_accounts = true;
  everything.all_audit_events = true;
  everything.webhooks = true;
  return everything;
}

ReadScope ReadScope::Of(const Caller& caller) {
  ReadScope reader;
  reader.caller_id = caller.id;
  for (const CallerRoleBinding& binding : caller.role_bindings) {
    const RoleDefinition* role = FindRole(binding.role);
    const std::optional<ScopeKind> kind = ScopeKindOf(binding.scope);
    if (role == nullptr || !kind || !BindableAt(*role, *kind) ||
        role->manages.empty()) {
      continue;
    }
    if (ManagesAnyOf(*role, {"environment", "resource", "api_key"})) {
      switch (*kind) {
        case ScopeKind::kOrganization:
          reader.whole_organization = true;
          break;
        case ScopeKind::kEnvironment:
          reader.environment_ids.push_back(binding.scope);
          break;
        case ScopeKind::kResource:
          reader.resource_ids.push_back(binding.scope);
          break;
      }
    }
    if (*kind == ScopeKind::kOrganization) {
      reader.all_audit_events = true;
      reader.all_accounts |=
          ManagesAnyOf(*role, {"service_account", "user_account"});
      reader.webhooks |= Manages(*role, "webhook");
    }
  }
  return reader;
}

}  // namespace keyward::domain
