// ResourceManager: the rules for resources — validation, audit, kind-derived
// ids, and (enforced by the repository) an existing environment and at most
// one Schema Registry per environment — over a ResourceRepository.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_RESOURCE_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_RESOURCE_MANAGER_H_

#include <optional>
#include <string>

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

struct NewResource {
  std::string environment_id;
  std::optional<ResourceKind> kind;  // nullopt: not given (UNSPECIFIED)
  std::string display_name;
  std::string cloud;
  std::string region;
};

class ResourceManager {
 public:
  // `keys_in_use`: a key used within the active window blocks a delete
  // without force.
  ResourceManager(ResourceRepository& repository, KeysInUseGuard& keys_in_use,
                  PolicyGate& policy, PolicyFacts& facts,
                  const PageTokenCodec& page_tokens);

  // Writes return the policy's decision with their result (decided.h).
  Decided<Resource> Create(const Caller& caller, const NewResource& request,
                           bool validate_only);
  // Reads show only what `caller` may see (see roles.h). Empty
  // `environment_id` and nullopt `kind` mean no filter.
  absl::StatusOr<Resource> Get(const Caller& caller, const std::string& id);
  absl::StatusOr<Listed<Resource>> List(const Caller& caller,
                                        const std::string& environment_id,
                                        std::optional<ResourceKind> kind,
                                        int page_size,
                                        const std::string& page_token);
  Decided<DeleteResult> Delete(const Caller& caller, const std::string& id,
                               bool force, bool validate_only);

 private:
  ResourceRepository& repository_;
  KeysInUseGuard& keys_in_use_;
  PolicyGate& policy_;
  PolicyFacts& facts_;
  const PageTokenCodec& page_tokens_;
};

// The page-token scope of ListResources with those filters.
std::string ResourceListScope(const std::string& environment_id,
                              std::optional<ResourceKind> kind);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_RESOURCE_MANAGER_H_
