// Visibility: what a caller may read through Get and List. Writes are
// authorized by the policy; reads are decided here, from the caller's role
// bindings, so that listing never waits on OPA.
//
//   OrganizationAdmin or AccountAdmin at the organization  everything
//   EnvironmentAdmin at env-X    environment X, its resources, keys on them
//   CloudClusterAdmin at R       resource R and the keys on it
//   anyone                       their own account, keys, role bindings and
//                                the audit events they caused
//   KeyVerifier                  grants no reads (it may only verify)
//
// An object the caller may not see reads as NOT_FOUND, so its existence does
// not leak; a list simply leaves it out (a page may then hold fewer items
// than page_size while next_page_token still leads on).
//
// Thread-safety: an immutable value.
#ifndef KEYWARD_SERVICES_DOMAIN_VISIBILITY_H_
#define KEYWARD_SERVICES_DOMAIN_VISIBILITY_H_

#include <algorithm>
#include <set>
#include <string>

#include "services/domain/audit.h"
#include "services/domain/repositories.h"
#include "services/domain/types.h"

namespace keyward::domain {

class Visibility {
 public:
  explicit Visibility(const Caller& caller);

  bool everything() const { return everything_; }
  bool Environment(const std::string& environment_id) const;
  bool Resource(const std::string& resource_id,
                const std::string& environment_id) const;
  bool Account(const std::string& account_id) const;
  // `environment_id` is the environment of the key's resource ("" for Cloud
  // keys).
  bool Key(const ApiKey& key, const std::string& environment_id) const;
  bool RoleBinding(const domain::RoleBinding& binding) const;
  bool AuditEvent(const domain::AuditEvent& event) const;

 private:
  std::string caller_id_;
  bool everything_ = false;
  std::set<std::string> environments_;
  std::set<std::string> resources_;
};

// Drops the items `visible` rejects, keeping the page's next token.
template <typename T, typename Visible>
Listed<T> OnlyVisible(Listed<T> listed, Visible visible) {
  listed.items.erase(
      std::remove_if(listed.items.begin(), listed.items.end(),
                     [&](const T& item) { return !visible(item); }),
      listed.items.end());
  return listed;
}

// NOT_FOUND for `what` `id`, the answer for an object the caller may not see.
absl::Status Invisible(const std::string& what, const std::string& id);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_VISIBILITY_H_
