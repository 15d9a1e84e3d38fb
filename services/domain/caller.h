// Caller: who is calling and until when — the facts the policy reads about
// the caller (DESIGN.md §3: id, type, role bindings) and the call's
// deadline, which policy decisions and SQL must fit in. The API layer makes
// one per call from its credentials (Authenticator); the one RPC that takes
// none (RedeemInvitation) gets an anonymous caller with no role bindings.
//
// Thread-safety: plain values.
#ifndef KEYWARD_SERVICES_DOMAIN_CALLER_H_
#define KEYWARD_SERVICES_DOMAIN_CALLER_H_

#include <chrono>
#include <string>
#include <vector>

namespace keyward::domain {

struct CallerRoleBinding {
  std::string role;
  std::string scope;
};

struct Caller {
  std::string id = "anonymous";
  std::string type = "anonymous";
  std::vector<CallerRoleBinding> role_bindings;
  std::chrono::system_clock::time_point deadline =
      std::chrono::system_clock::time_point::max();
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_CALLER_H_
