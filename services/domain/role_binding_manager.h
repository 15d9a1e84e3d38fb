// RoleBindingManager: the rules for role bindings — a principal that is an
// account, a role of roles.h at a scope it may be bound at, a scope that is
// "organization" or an existing environment or resource — checked against
// the policy (which decides who may grant what at which scope) and audited
// with every change, over a RoleBindingRepository. Bindings are never
// updated: delete and re-create. The last OrganizationAdmin binding cannot
// be deleted.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_MANAGER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/domain/caller.h"
#include "services/domain/decided.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/repositories.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"

namespace keyward::domain {

class RoleBindingManager {
 public:
  RoleBindingManager(RoleBindingRepository& repository, PolicyGate& policy,
                     PolicyFacts& facts, const PageTokenCodec& page_tokens);

  // The new binding; with validate_only, what it would be (id empty).
  // Writes return the policy's decision with their result (decided.h).
  Decided<RoleBinding> Create(const Caller& caller,
                              const std::string& principal_id,
                              const std::string& role, const std::string& scope,
                              bool validate_only);
  // Shows only what `caller` may see (see roles.h). Empty `principal_id`
  // and `scope` mean no filter.
  absl::StatusOr<Listed<RoleBinding>> List(const Caller& caller,
                                           const std::string& principal_id,
                                           const std::string& scope,
                                           int page_size,
                                           const std::string& page_token);
  Decided<DeleteResult> Delete(const Caller& caller, const std::string& id,
                               bool validate_only);

 private:
  // The policy target of a binding of `principal_id` at `scope`: the
  // principal's account and the scope's environment or resource (with its
  // environment). NOT_FOUND when either names nothing.
  absl::StatusOr<PolicyTarget> Target(const std::string& principal_id,
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
