// RoleBindingManager: the rules for role bindings — a principal that is an
// account, a role that is one of the five names, a scope that is
// "organization" or an existing environment or resource — checked against
// the policy (which decides who may grant what at which scope) and audited
// with every change, over a RoleBindingRepository. Bindings are never
// updated: delete and re-create.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_MANAGER_H_

#include <array>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/repositories.h"
#include "services/domain/types.h"
#include "services/domain/visibility.h"

namespace keyward::domain {

// The roles a binding may grant (case-sensitive); what each allows is the
// policy's business.
inline constexpr std::array<const char*, 5> kRoleNames = {
    "OrganizationAdmin", "AccountAdmin", "EnvironmentAdmin",
    "CloudClusterAdmin", "KeyVerifier"};

// INVALID_ARGUMENT naming `field` unless `role` is one of kRoleNames.
absl::Status CheckRole(absl::string_view field, absl::string_view role);

// INVALID_ARGUMENT naming `field` unless `scope` is kOrganizationScope, an
// environment id or a resource id (well formed; existence is not checked).
absl::Status CheckScope(absl::string_view field, absl::string_view scope);

class RoleBindingManager {
 public:
  RoleBindingManager(RoleBindingRepository& repository, PolicyGate& policy,
                     PolicyFacts& facts, const PageTokenCodec& page_tokens);

  // The new binding; with validate_only, what it would be (id empty).
  absl::StatusOr<RoleBinding> Create(const Caller& caller,
                                     const std::string& principal_id,
                                     const std::string& role,
                                     const std::string& scope,
                                     bool validate_only);
  // Empty `principal_id` and `scope` mean no filter.
  absl::StatusOr<Listed<RoleBinding>> List(const std::string& principal_id,
                                           const std::string& scope,
                                           int page_size,
                                           const std::string& page_token);
  // The same, showing only what `caller` may see (see visibility.h).
  absl::StatusOr<Listed<RoleBinding>> List(const Caller& caller,
                                           const std::string& principal_id,
                                           const std::string& scope,
                                           int page_size,
                                           const std::string& page_token);
  absl::StatusOr<DeleteResult> Delete(const Caller& caller,
                                      const std::string& id,
                                      bool validate_only);

 private:
  // The policy target of a binding of `principal_id` at `scope`: the
  // principal's account and the scope's environment or resource (with its
  // environment). NOT_FOUND when either names nothing.
  absl::StatusOr<nlohmann::json> Target(const std::string& principal_id,
                                        const std::string& scope);

  RoleBindingRepository& repository_;
  PolicyGate& policy_;
  PolicyFacts& facts_;
  const PageTokenCodec& page_tokens_;
};

// The page-token scope of ListRoleBindings with those filters.
std::string RoleBindingListScope(const std::string& principal_id,
                                 const std::string& scope);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_MANAGER_H_
