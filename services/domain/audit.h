// What every write carries into its transaction: the time, whether it is a
// dry run, and the audit event that commits with it (DESIGN.md §4: every
// write and its audit event commit in one transaction).
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_AUDIT_H_
#define KEYWARD_SERVICES_DOMAIN_AUDIT_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/domain/types.h"

namespace keyward::domain {

struct PolicyDecision;

struct CallerRoleBinding {
  std::string role;
  std::string scope;
};

// Who is calling and for how long: the facts the policy reads about the
// caller, the call's deadline (policy decisions must fit in it), and where a
// successful write reports its policy decision back so that the API layer
// can return its warnings. Until caller authentication lands every caller is
// anonymous with no role bindings.
struct Caller {
  std::string id = "anonymous";
  std::string type = "anonymous";
  std::vector<CallerRoleBinding> role_bindings;
  std::chrono::system_clock::time_point deadline =
      std::chrono::system_clock::time_point::max();
  PolicyDecision* decision_out = nullptr;  // may be null
};

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

struct Mutation {
  Time now;
  bool validate_only = false;  // run every check, then roll back
  AuditRecord audit;
  // The allowing decision's "defaults" (see PolicyDecision::defaults): what
  // the write applies where its request leaves a value open.
  nlohmann::json policy_defaults = nlohmann::json::object();
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUDIT_H_
