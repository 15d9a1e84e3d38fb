// The policy contract of DESIGN.md §3 as the domain sees it: a decision
// {allow, violations, warnings, defaults} for an input document, from a
// PolicyClient (OPA over HTTP in production, a fake in unit tests).
//
// Thread-safety: PolicyClient implementations are called concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_POLICY_H_
#define KEYWARD_SERVICES_DOMAIN_POLICY_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace keyward::domain {

struct PolicyViolation {
  std::string rule;
  std::string message;
};

struct PolicyDecision {
  bool allow = false;
  std::vector<PolicyViolation> violations;
  std::vector<PolicyViolation> warnings;
  std::string decision_id;
  // Values the server applies where a request leaves them open, named by
  // the policy's "defaults" object (e.g. {"invitation_ttl_hours": 72}), so
  // operators set them in policy data rather than in C++. Always an object.
  nlohmann::json defaults = nlohmann::json::object();
};

class PolicyClient {
 public:
  virtual ~PolicyClient() = default;
  // Asks for the decision on `input`, giving up at `deadline`. Any failure
  // (unreachable, timeout, bad answer, undefined result) is UNAVAILABLE: the
  // caller must then deny.
  virtual absl::StatusOr<PolicyDecision> Decide(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline) = 0;
};

// The audit trail's JSON form of violations and warnings.
nlohmann::json ToJson(const std::vector<PolicyViolation>& items);
std::vector<PolicyViolation> ViolationsFromJson(const nlohmann::json& items);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_POLICY_H_
