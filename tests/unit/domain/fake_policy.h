// Test doubles for the policy path of the domain: a PolicyClient that
// answers a scripted decision and remembers its inputs, an AuditRepository
// that records appended events, and PolicyFacts that know every id but
// those a test marks missing.
//
// Thread-safety: single-threaded tests only.
#ifndef KEYWARD_TESTS_UNIT_DOMAIN_FAKE_POLICY_H_
#define KEYWARD_TESTS_UNIT_DOMAIN_FAKE_POLICY_H_

#include <set>
#include <string>
#include <vector>

#include "services/common/status_macros.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"

namespace keyward::domain::testing {

class FakePolicyClient : public PolicyClient {
 public:
  absl::StatusOr<PolicyDecision> Decide(
      const nlohmann::json& input,
      std::chrono::system_clock::time_point deadline) override {
    inputs.push_back(input);
    deadlines.push_back(deadline);
    return answer;
  }
  // Answers a denial by `rule` from now on.
  void Deny(const std::string& rule) {
    answer = PolicyDecision{false, {{rule, "denied by " + rule}}, {}, "d-2"};
  }
  absl::StatusOr<PolicyDecision> answer = PolicyDecision{true, {}, {}, "d-1"};
  std::vector<nlohmann::json> inputs;
  std::vector<std::chrono::system_clock::time_point> deadlines;
};

class FakeAuditRepository : public AuditRepository {
 public:
  absl::Status Append(const AuditRecord& record, Time) override {
    appended.push_back(record);
    return absl::OkStatus();
  }
  absl::StatusOr<Page<AuditEvent>> List(const AuditFilter&, const PageRequest&,
                                        const ReadScope&) override {
    return Page<AuditEvent>{};
  }
  std::vector<AuditRecord> appended;
};

// Knows every id except those in `missing` (NOT_FOUND, as the real facts
// answer for an unknown id), and remembers which ids it was asked about.
class FakePolicyFacts : public PolicyFacts {
 public:
  absl::StatusOr<nlohmann::json> Account(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    return nlohmann::json{{"id", id}, {"type", "SERVICE_ACCOUNT"}};
  }
  absl::StatusOr<nlohmann::json> Environment(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    return nlohmann::json{{"id", id}, {"stage", "dev"}};
  }
  absl::StatusOr<nlohmann::json> Resource(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    return nlohmann::json{{"id", id}};
  }
  absl::StatusOr<nlohmann::json> ApiKey(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    return nlohmann::json{
        {"id", id}, {"owner_id", "sa-owner123"}, {"resource_id", "cloud"}};
  }
  absl::StatusOr<nlohmann::json> KeysOf(const std::string&) override {
    return nlohmann::json::array();
  }
  absl::StatusOr<nlohmann::json> KeyCreation(
      const std::string& owner_id, const std::string& resource_id) override {
    return nlohmann::json{
        {"owner", {{"id", owner_id}, {"type", "SERVICE_ACCOUNT"}}},
        {"resource", {{"id", resource_id}}},
        {"key_counts", {{"owner_total", 0}, {"owner_on_resource", 0}}}};
  }

  std::set<std::string> missing;
  std::vector<std::string> looked_up;

 private:
  absl::Status Lookup(const std::string& id) {
    looked_up.push_back(id);
    if (missing.count(id) != 0) return absl::NotFoundError(id + " not found");
    return absl::OkStatus();
  }
};

// A PolicyGate over the fakes above, all owned together.
struct FakePolicy {
  explicit FakePolicy(const Clock& clock)
      : gate(client, audit, clock, std::chrono::seconds(2)) {}
  FakePolicyClient client;
  FakeAuditRepository audit;
  FakePolicyFacts facts;
  PolicyGate gate;
};

}  // namespace keyward::domain::testing

#endif  // KEYWARD_TESTS_UNIT_DOMAIN_FAKE_POLICY_H_
