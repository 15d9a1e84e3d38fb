#include "services/domain/policy_facts.h"

#include "services/common/status_macros.h"

namespace keyward::domain {

RepositoryPolicyFacts::RepositoryPolicyFacts(
    EnvironmentRepository& environments, AccountRepository& accounts,
    ResourceRepository& resources, ApiKeyRepository& api_keys,
    RoleBindingRepository& role_bindings)
    : environments_(environments),
      accounts_(accounts),
      resources_(resources),
      api_keys_(api_keys),
      role_bindings_(role_bindings) {}

absl::StatusOr<AccountFacts> RepositoryPolicyFacts::Account(
    const std::string& id) {
  AccountFacts facts;
  KEYWARD_ASSIGN_OR_RETURN(facts.account,
                           accounts_.Get(id, ReadScope::Everything()));
  KEYWARD_ASSIGN_OR_RETURN(facts.role_bindings,
                           role_bindings_.ListForPrincipal(id));
  return facts;
}

absl::StatusOr<domain::Environment> RepositoryPolicyFacts::Environment(
    const std::string& id) {
  return environments_.Get(id, ReadScope::Everything());
}

absl::StatusOr<ResourceFacts> RepositoryPolicyFacts::Resource(
    const std::string& id) {
  if (id == kCloudResourceId) return ResourceFacts::Cloud();
  ResourceFacts facts;
  KEYWARD_ASSIGN_OR_RETURN(facts.resource,
                           resources_.Get(id, ReadScope::Everything()));
  KEYWARD_ASSIGN_OR_RETURN(facts.environment,
                           environments_.Get(facts.resource.environment_id,
                                             ReadScope::Everything()));
  return facts;
}

absl::StatusOr<domain::ApiKey> RepositoryPolicyFacts::ApiKey(
    const std::string& id) {
  return api_keys_.Get(id, ReadScope::Everything());
}

absl::StatusOr<std::vector<domain::ApiKey>> RepositoryPolicyFacts::KeysOf(
    const std::string& owner_id) {
  std::vector<domain::ApiKey> keys;
  PageRequest page{100, std::nullopt};
  ApiKeyFilter filter;
  filter.owner_id = owner_id;
  do {
    KEYWARD_ASSIGN_OR_RETURN(
        Page<domain::ApiKey> listed,
        api_keys_.List(filter, page, ReadScope::Everything()));
    for (domain::ApiKey& key : listed.items) keys.push_back(std::move(key));
    page.after = listed.next;
  } while (page.after);
  return keys;
}

absl::StatusOr<PolicyTarget> RepositoryPolicyFacts::KeyCreation(
    const std::string& owner_id, const std::string& resource_id) {
  KEYWARD_ASSIGN_OR_RETURN(KeyCreationFacts facts,
                           api_keys_.CreationFacts(owner_id, resource_id));
  PolicyTarget target;
  target.owner = AccountFacts{std::move(facts.owner),
                              std::move(facts.owner_role_bindings)};
  target.resource = ResourceFacts::Cloud();
  if (facts.resource && facts.environment) {
    target.resource =
        ResourceFacts{std::move(*facts.resource), std::move(facts.environment)};
  }
  target.key_counts = facts.counts;
  return target;
}

}  // namespace keyward::domain
