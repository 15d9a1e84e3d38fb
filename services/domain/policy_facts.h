// PolicyFacts: the facts about a request's target that the server looks up
// for the policy (DESIGN.md §3 "target"): accounts with their type and role
// bindings,
// resources with their environment (id, display name, stage), keys with
// their last use, an account's keys. An unknown id is NOT_FOUND, so a
// request naming nothing never reaches the policy.
//
// Thread-safety: implementations are called concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_POLICY_FACTS_H_
#define KEYWARD_SERVICES_DOMAIN_POLICY_FACTS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class PolicyFacts {
 public:
  virtual ~PolicyFacts() = default;
  virtual absl::StatusOr<nlohmann::json> Account(const std::string& id) = 0;
  virtual absl::StatusOr<nlohmann::json> Environment(const std::string& id) = 0;
  // A resource with its environment; "cloud" is {"id": "cloud", "kind":
  // "CLOUD"}.
  virtual absl::StatusOr<nlohmann::json> Resource(const std::string& id) = 0;
  virtual absl::StatusOr<nlohmann::json> ApiKey(const std::string& id) = 0;
  // [{"id", "resource_id", "last_used_time"}…] of the account's keys.
  virtual absl::StatusOr<nlohmann::json> KeysOf(
      const std::string& owner_id) = 0;
  // {"owner": Account with role bindings, "resource": Resource, "key_counts":
  // {"owner_total", "owner_on_resource"}} for a new key, in one read.
  virtual absl::StatusOr<nlohmann::json> KeyCreation(
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

  absl::StatusOr<nlohmann::json> Account(const std::string& id) override;
  absl::StatusOr<nlohmann::json> Environment(const std::string& id) override;
  absl::StatusOr<nlohmann::json> Resource(const std::string& id) override;
  absl::StatusOr<nlohmann::json> ApiKey(const std::string& id) override;
  absl::StatusOr<nlohmann::json> KeysOf(const std::string& owner_id) override;
  absl::StatusOr<nlohmann::json> KeyCreation(
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
