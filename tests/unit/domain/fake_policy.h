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
// Every account is a service account without role bindings, every
// environment a dev one, every resource other than "cloud" a Kafka cluster
// in env-dev00001, every key sa-owner123's Cloud key.
class FakePolicyFacts : public PolicyFacts {
 public:
  absl::StatusOr<AccountFacts> Account(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    AccountFacts facts;
    facts.account.id = id;
    facts.account.type = AccountType::kServiceAccount;
    return facts;
  }
  absl::StatusOr<domain::Environment> Environment(
      const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    domain::Environment environment;
    environment.id = id;
    environment.stage = "dev";
    return environment;
  }
  absl::StatusOr<ResourceFacts> Resource(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    if (id == kCloudResourceId) return ResourceFacts::Cloud();
    ResourceFacts facts;
    facts.resource.id = id;
    facts.resource.environment_id = "env-dev00001";
    domain::Environment environment;
    environment.id = "env-dev00001";
    environment.stage = "dev";
    facts.environment = environment;
    return facts;
  }
  absl::StatusOr<domain::ApiKey> ApiKey(const std::string& id) override {
    KEYWARD_RETURN_IF_ERROR(Lookup(id));
    domain::ApiKey key;
    key.id = id;
    key.owner_id = "sa-owner123";
    key.resource_id = kCloudResourceId;
    return key;
  }
  absl::StatusOr<std::vector<domain::ApiKey>> KeysOf(
      const std::string&) override {
    return std::vector<domain::ApiKey>();
  }
  absl::StatusOr<PolicyTarget> KeyCreation(
      const std::string& owner_id, const std::string& resource_id) override {
    PolicyTarget target;
    KEYWARD_ASSIGN_OR_RETURN(target.owner, Account(owner_id));
    KEYWARD_ASSIGN_OR_RETURN(target.resource, Resource(resource_id));
    target.key_counts = KeyCounts{};
    return target;
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
