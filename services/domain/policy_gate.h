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

#include "absl/status/statusor.h"
#include "services/domain/caller.h"
#include "services/domain/clock.h"
#include "services/domain/decided.h"
#include "services/domain/mutation.h"
#include "services/domain/policy.h"
#include "services/domain/policy_input.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class PolicyGate {
 public:
  PolicyGate(PolicyClient& client, AuditRepository& audit, const Clock& clock,
             std::chrono::milliseconds timeout_ceiling);

  Decided<Mutation> Authorize(const Caller& caller,
                              const PolicyQuestion& question);

 private:
  PolicyClient& client_;
  AuditRepository& audit_;
  const Clock& clock_;
  const std::chrono::milliseconds timeout_ceiling_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_POLICY_GATE_H_
