// AuditRecord: one event of the audit trail (audit.proto's AuditEvent
// without its id and time) — who did what to which objects, whether the
// policy allowed it and why, and a summary of the request that never holds a
// secret. Every write commits its record with it (DESIGN.md §4); denials and
// failures to get a decision are recorded on their own.
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_AUDIT_H_
#define KEYWARD_SERVICES_DOMAIN_AUDIT_H_

#include <string>
#include <vector>

namespace keyward::domain {

struct AuditRecord {
  std::string actor_id;
  std::string action;  // "<kind>.<verb>", e.g. "api_key.create"
  std::string target_id;
  // Every id the call named or touched (AuditEvent.subject_ids).
  std::vector<std::string> subject_ids;
  bool allowed = true;
  std::string violations_json = "[]";
  std::string warnings_json = "[]";
  std::string decision_id;
  bool validate_only = false;
  std::string request_summary_json = "{}";  // never holds a secret
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUDIT_H_
