// What a write asks the policy (PolicyQuestion) and the input document of
// DESIGN.md §3 built from it: the one place where the caller and the
// target's facts become the JSON the Rego policies under policy/ read.
//
// Thread-safety: plain values and stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_POLICY_INPUT_H_
#define KEYWARD_SERVICES_DOMAIN_POLICY_INPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "services/domain/caller.h"
#include "services/domain/policy_target.h"
#include "services/domain/types.h"

namespace keyward::domain {

// What a write asks the policy about.
struct PolicyQuestion {
  std::string action;     // "<kind>.<verb>"
  std::string target_id;  // the object written (new id for creates)
  bool validate_only = false;
  nlohmann::json request = nlohmann::json::object();  // never a secret
  // Facts looked up; none for a create of an account or environment. (The
  // initializer lets such questions leave it out without a warning.)
  PolicyTarget target{};
};

// {"action", "caller", "request", "target", "validate_only", "now"}.
nlohmann::json PolicyInput(const Caller& caller, const PolicyQuestion& question,
                           Time now);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_POLICY_INPUT_H_
