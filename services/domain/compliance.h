// Compliance findings (DESIGN.md §3, keyward.compliance): the facts about an
// existing key that finding rules read, the findings they produce, and the
// ports an evaluation needs — ComplianceRepository (the keys' facts, the
// stored findings and the lease that lets one replica evaluate at a time)
// and FindingsPolicy (the policy engine that turns a batch of facts into
// findings).
//
// Thread-safety: plain values; implementations of the interfaces are called
// concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_COMPLIANCE_H_
#define KEYWARD_SERVICES_DOMAIN_COMPLIANCE_H_

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"

namespace keyward::domain {

// What a finding rule knows about one key.
struct KeyFacts {
  std::string id;
  std::string owner_id;
  AccountType owner_type = AccountType::kUser;
  std::string resource_id;     // kCloudResourceId for a Cloud key
  std::string environment_id;  // empty for a Cloud key
  std::string stage;           // empty for a Cloud key
  ApiKeyState state = ApiKeyState::kActive;
  Time create_time;
  std::optional<Time> expire_time;
  std::optional<Time> last_used_time;
  // The owner's role bindings (role and scope), read for users only.
  std::vector<std::pair<std::string, std::string>> owner_role_bindings;
};

// One rule's finding about one key. The policy names the key, rule,
// severity and message; the store adds the key's owner, resource and
// environment when it reads findings back.
struct Finding {
  std::string api_key_id;
  std::string rule;
  std::string severity;
  std::string message;
  std::string owner_id;
  std::string resource_id;
  std::string environment_id;
  // The list order: the key's create_time, then "<api_key_id>/<rule>".
  Time create_time;
  std::string id;
};

// An evaluation over every key.
struct ComplianceRun {
  Time evaluate_time;  // when it started: its findings are as of then
  std::chrono::milliseconds duration{0};
  int64_t keys_evaluated = 0;
  int64_t findings = 0;
};

// ListFindings' filters; empty strings match everything.
struct FindingFilter {
  std::string rule;
  std::string environment_id;
};

class ComplianceRepository {
 public:
  virtual ~ComplianceRepository() = default;

  // Takes the evaluation lease for `holder` until `lease` has passed, unless
  // another holder has it or — when `min_interval` is set — an evaluation
  // began less than `min_interval` ago. false: not this time.
  virtual absl::StatusOr<bool> ClaimRun(
      const std::string& holder, std::chrono::milliseconds lease,
      std::optional<std::chrono::milliseconds> min_interval) = 0;
  // Gives the lease back without storing anything (a failed evaluation),
  // and forgets the attempt, so the next tick of any replica tries again
  // rather than a whole interval later.
  virtual absl::Status ReleaseRun(const std::string& holder) = 0;

  // Up to `limit` keys with ids after `after_id` ("" from the start), in
  // id order.
  virtual absl::StatusOr<std::vector<KeyFacts>> KeyFactsAfter(
      const std::string& after_id, int limit) = 0;

  // In one transaction: replaces every stored finding with `findings`
  // (dropping those whose key has gone since), records `run` and gives the
  // lease back. Returns how many findings were stored.
  virtual absl::StatusOr<int64_t> ReplaceFindings(
      const std::vector<Finding>& findings, const ComplianceRun& run,
      const std::string& holder) = 0;

  // The stored findings `reader` may see (those about keys it may see).
  virtual absl::StatusOr<Page<Finding>> ListFindings(
      const FindingFilter& filter, const PageRequest& page,
      const ReadScope& reader) = 0;
  // The evaluation the stored findings come from; nullopt before the first.
  virtual absl::StatusOr<std::optional<ComplianceRun>> LastRun() = 0;
};

class FindingsPolicy {
 public:
  virtual ~FindingsPolicy() = default;
  // The findings for one batch: `input` is {"now", "keys": [...]}. Any
  // failure (unreachable, timeout, malformed answer) is UNAVAILABLE.
  virtual absl::StatusOr<std::vector<Finding>> Findings(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline) = 0;
};

// The policy input for one key (see policy/keyward/compliance.rego).
nlohmann::json ToPolicyInput(const KeyFacts& key);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_COMPLIANCE_H_
