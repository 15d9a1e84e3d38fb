#include "services/domain/role_binding_manager.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/organization_admins.h"
#include "services/domain/roles.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr std::initializer_list<IdKind> kPrincipalIds = {
    IdKind::kUser, IdKind::kServiceAccount};

}  // namespace

std::string RoleBindingListScope(const std::string& principal_id,
                                 const std::string& scope) {
  return absl::StrCat("role_bindings|principal=", principal_id,
                      "|scope=", scope);
}

RoleBindingManager::RoleBindingManager(RoleBindingRepository& repository,
                                       PolicyGate& policy, PolicyFacts& facts,
                                       const PageTokenCodec& page_tokens)
    : repository_(repository),
      policy_(policy),
      facts_(facts),
      page_tokens_(page_tokens) {}

absl::StatusOr<PolicyTarget> RoleBindingManager::Target(
    const std::string& principal_id, const std::string& scope) {
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.principal, facts_.Account(principal_id));
  if (scope == kOrganizationScope) return target;
  if (KindOfId(scope) == IdKind::kEnvironment) {
    KEYWARD_ASSIGN_OR_RETURN(target.environment, facts_.Environment(scope));
  } else {
    KEYWARD_ASSIGN_OR_RETURN(target.resource, facts_.Resource(scope));
  }
  return target;
}

Decided<RoleBinding> RoleBindingManager::Create(const Caller& caller,
                                                const std::string& principal_id,
                                                const std::string& role,
                                                const std::string& scope,
                                                bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("principal_id", principal_id, kPrincipalIds));
  KEYWARD_RETURN_IF_ERROR(CheckRoleAtScope("role", role, "scope", scope));
  RoleBinding binding;
  binding.id = NewId(IdKind::kRoleBinding);
  binding.principal_id = principal_id;
  binding.role = role;
  binding.scope = scope;
  KEYWARD_ASSIGN_OR_RETURN(PolicyTarget target, Target(principal_id, scope));
  return policy_
      .Authorize(
          caller,
          {"role_binding.create",
           binding.id,
           validate_only,
           {{"principal_id", principal_id}, {"role", role}, {"scope", scope}},
           std::move(target)})
      .Then([&](const Mutation& mutation) {
        absl::StatusOr<RoleBinding> created =
            Worded(repository_.Create(binding, mutation));
        if (created.ok() && validate_only) created->id.clear();
        return created;
      });
}

Decided<DeleteResult> RoleBindingManager::Delete(const Caller& caller,
                                                 const std::string& id,
                                                 bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("id", id, {IdKind::kRoleBinding}));
  KEYWARD_ASSIGN_OR_RETURN(const RoleBinding binding,
                           repository_.Get(id, ReadScope::Of(caller)));
  KEYWARD_ASSIGN_OR_RETURN(PolicyTarget target,
                           Target(binding.principal_id, binding.scope));
  target.role_binding = binding;
  return policy_
      .Authorize(caller, {"role_binding.delete",
                          id,
                          validate_only,
                          {{"id", id}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) {
        return Worded(
            repository_.Delete(id, OrganizationAdminRole(), mutation));
      });
}

absl::StatusOr<Listed<RoleBinding>> RoleBindingManager::List(
    const Caller& caller, const std::string& principal_id,
    const std::string& scope, int page_size, const std::string& page_token) {
  if (!principal_id.empty()) {
    KEYWARD_RETURN_IF_ERROR(
        CheckId("principal_id", principal_id, kPrincipalIds));
  }
  if (!scope.empty()) KEYWARD_RETURN_IF_ERROR(CheckScope("scope", scope));
  std::optional<std::string> principal_filter;
  if (!principal_id.empty()) principal_filter = principal_id;
  std::optional<std::string> scope_filter;
  if (!scope.empty()) scope_filter = scope;
  return page_tokens_.ListPage<RoleBinding>(
      page_size, page_token,
      ReaderListScope(RoleBindingListScope(principal_id, scope), caller.id),
      [&](const PageRequest& request) {
        return repository_.List(principal_filter, scope_filter, request,
                                ReadScope::Of(caller));
      });
}

}  // namespace keyward::domain
