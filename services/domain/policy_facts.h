// PolicyFacts: the facts about a request's target that the server looks up
// for the policy (DESIGN.md §3 "target", policy_target.h): accounts with
// their role bindings, resources with their environment, keys with their
// last use, an account's keys, and a new key's owner, resource and key
// counts. An unknown id is NOT_FOUND, so a request naming nothing never
// reaches the policy.
//
// Thread-safety: implementations are called concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_POLICY_FACTS_H_
#define KEYWARD_SERVICES_DOMAIN_POLICY_FACTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/policy_target.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class PolicyFacts {
 public:
  virtual ~PolicyFacts() = default;
  virtual absl::StatusOr<AccountFacts> Account(const std::string& id) = 0;
  virtual absl::StatusOr<domain::Environment> Environment(
      const std::string& id) = 0;
  // A resource with its environment; kCloudResourceId is the Cloud.
  virtual absl::StatusOr<ResourceFacts> Resource(const std::string& id) = 0;
  virtual absl::StatusOr<domain::ApiKey> ApiKey(const std::string& id) = 0;
  // Every key the account owns.
  virtual absl::StatusOr<std::vector<domain::ApiKey>> KeysOf(
      const std::string& owner_id) = 0;
  // A target with the owner (with its role bindings), the resource and the
  // owner's key_counts for a new key, in one read.
  virtual absl::StatusOr<PolicyTarget> KeyCreation(
      const std::string& owner_id, const std::string& resource_id) = 0;
};

// PolicyFacts read through the repositories.
class RepositoryPolicyFacts : public PolicyFacts {
 public:
  RepositoryPolicyFacts(EnvironmentRepository& environments,
                        AccountRepository& accounts,
                        ResourceRepository& resources,
                        ApiKeyRepository& api_keys,
                        RoleBindingRepository& role_bindings);

  absl::StatusOr<AccountFacts> Account(const std::string& id) override;
  absl::StatusOr<domain::Environment> Environment(
      const std::string& id) override;
  absl::StatusOr<ResourceFacts> Resource(const std::string& id) override;
  absl::StatusOr<domain::ApiKey> ApiKey(const std::string& id) override;
  absl::StatusOr<std::vector<domain::ApiKey>> KeysOf(
      const std::string& owner_id) override;
  absl::StatusOr<PolicyTarget> KeyCreation(
      const std::string& owner_id, const std::string& resource_id) override;

 private:
  EnvironmentRepository& environments_;
  AccountRepository& accounts_;
  ResourceRepository& resources_;
  ApiKeyRepository& api_keys_;
  RoleBindingRepository& role_bindings_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_POLICY_FACTS_H_
