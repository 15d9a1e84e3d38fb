// What every write carries into its transaction: the time, whether it is a
// dry run, and the audit event that commits with it (DESIGN.md §4: every
// write and its audit event commit in one transaction).
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_AUDIT_H_
#define KEYWARD_SERVICES_DOMAIN_AUDIT_H_

#include <string>

#include "services/domain/types.h"

namespace keyward::domain {

// Who is calling. Until caller authentication lands every caller is
// anonymous.
struct Caller {
  std::string id = "anonymous";
};

struct AuditRecord {
  std::string actor_id;
  std::string action;  // "<kind>.<verb>", e.g. "api_key.create"
  std::string target_id;
  bool allowed = true;
  std::string violations_json = "[]";
  std::string warnings_json = "[]";
  std::string decision_id;
  bool validate_only = false;
  std::string request_summary_json = "{}";  // never holds a secret
};

struct Mutation {
  Time now;
  bool validate_only = false;  // run every check, then roll back
  AuditRecord audit;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUDIT_H_
