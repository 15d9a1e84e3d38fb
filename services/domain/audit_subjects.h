// The ids an audit event is about (AuditEvent.subject_ids, DESIGN.md §2):
// what the request named and what its target belongs to, read from the same
// request and target facts the policy saw, so that ListAuditEvents can find
// a call — even a denied or validate_only create, which has no target_id —
// by its owner, resource, environment, principal or target.
//
// Thread-safety: stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_AUDIT_SUBJECTS_H_
#define KEYWARD_SERVICES_DOMAIN_AUDIT_SUBJECTS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/domain/policy_target.h"

namespace keyward::domain {

// `target_id` (when not empty) and the well-formed Keyward ids at the known
// id fields of `request` (id, owner_id, resource_id, environment_id,
// principal_id, account_id, scope) and `target` (owner, account, principal,
// resource and its environment, environment, api_key with its owner and
// resource, role_binding with its principal and scope), each once, in that
// order. Values that are not ids ("cloud", "organization", an empty
// owner_id) are left out; so are the scopes of accounts' role bindings and
// lists of cascaded keys.
std::vector<std::string> AuditSubjects(const std::string& target_id,
                                       const nlohmann::json& request,
                                       const PolicyTarget& target);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUDIT_SUBJECTS_H_
