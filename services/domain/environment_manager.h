// EnvironmentManager: the rules for environments — validation, audit and
// the "empty unless force" delete — over an EnvironmentRepository.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_ENVIRONMENT_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_ENVIRONMENT_MANAGER_H_

#include "services/domain/caller.h"
#include "services/domain/decided.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/repositories.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"
#include "services/domain/validation.h"

namespace keyward::domain {

class EnvironmentManager {
 public:
  // `keys_in_use`: a key used within the active window blocks a cascade
  // (force) without ignore_active_keys.
  EnvironmentManager(EnvironmentRepository& repository,
                     KeysInUseGuard& keys_in_use, PolicyGate& policy,
                     PolicyFacts& facts, const PageTokenCodec& page_tokens);

  // Writes return the policy's decision with their result (decided.h).
  Decided<Environment> Create(const Caller& caller,
                              const std::string& display_name,
                              const std::string& stage, bool validate_only);
  // Reads show only what `caller` may see (see roles.h).
  absl::StatusOr<Environment> Get(const Caller& caller, const std::string& id);
  absl::StatusOr<Listed<Environment>> List(const Caller& caller, int page_size,
                                           const std::string& page_token);
  Decided<Environment> Update(const Caller& caller, const std::string& id,
                              const EnvironmentUpdate& update);
  Decided<DeleteResult> Delete(const Caller& caller, const std::string& id,
                               bool force, bool ignore_active_keys,
                               bool validate_only);

 private:
  EnvironmentRepository& repository_;
  KeysInUseGuard& keys_in_use_;
  PolicyGate& policy_;
  PolicyFacts& facts_;
  const PageTokenCodec& page_tokens_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_ENVIRONMENT_MANAGER_H_
