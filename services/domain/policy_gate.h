// PolicyGate: every create, update and delete passes here before it runs.
// It builds the policy input of DESIGN.md §3, asks the PolicyClient within
// the call's deadline, and either hands back the Mutation to execute (with
// the decision in its audit event and the decision's defaults) or fails the
// call — PERMISSION_DENIED for a denial, UNAVAILABLE when no decision could
// be had (fail closed) — after writing that outcome's audit event on its
// own. The decision, allowing or denying, comes back beside the result
// (Decided), for the write to return to its caller.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_POLICY_GATE_H_
#define KEYWARD_SERVICES_DOMAIN_POLICY_GATE_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "services/domain/caller.h"
#include "services/domain/clock.h"
#include "services/domain/decided.h"
#include "services/domain/mutation.h"
#include "services/domain/policy.h"
#include "services/domain/repositories.h"
#include "services/domain/time_text.h"

namespace keyward::domain {

// What a write asks the policy about.
struct PolicyQuestion {
  std::string action;     // "<kind>.<verb>"
  std::string target_id;  // the object written (new id for creates)
  bool validate_only = false;
  nlohmann::json request = nlohmann::json::object();  // never a secret
  nlohmann::json target = nlohmann::json::object();   // facts looked up
};

class PolicyGate {
 public:
  PolicyGate(PolicyClient& client, AuditRepository& audit, const Clock& clock,
             std::chrono::milliseconds timeout_ceiling);

  Decided<Mutation> Authorize(const Caller& caller,
                              const PolicyQuestion& question);

  // The input document sent to the policy (exposed for tests).
  nlohmann::json Input(const Caller& caller, const PolicyQuestion& question,
                       Time now) const;

 private:
  PolicyClient& client_;
  AuditRepository& audit_;
  const Clock& clock_;
  const std::chrono::milliseconds timeout_ceiling_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_POLICY_GATE_H_
