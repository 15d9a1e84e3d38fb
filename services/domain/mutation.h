// Mutation: what every write carries into its transaction, as the
// PolicyGate hands it out once the policy allowed the write — the time,
// whether it is a dry run, and the audit event that commits with it
// (DESIGN.md §4: every write and its audit event commit in one transaction).
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_MUTATION_H_
#define KEYWARD_SERVICES_DOMAIN_MUTATION_H_

#include <nlohmann/json.hpp>

#include "services/domain/audit.h"
#include "services/domain/types.h"

namespace keyward::domain {

struct Mutation {
  Time now;
  bool validate_only = false;  // run every check, then roll back
  AuditRecord audit;
  // The allowing decision's "defaults" (see PolicyDecision::defaults): what
  // the write applies where its request leaves a value open.
  nlohmann::json policy_defaults = nlohmann::json::object();
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_MUTATION_H_
