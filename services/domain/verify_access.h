// VerifyAccess: who may call VerifyApiKey for a resource — decided in
// keywardd, not OPA, because verification is the data plane's hot path and
// never waits on a policy round trip. Allowed: a binding of a role that
// verifies (roles.h) at the organization, at the resource's environment or
// at the resource — today OrganizationAdmin, AccountAdmin or KeyVerifier at
// the organization, EnvironmentAdmin or KeyVerifier at the environment,
// CloudClusterAdmin or KeyVerifier at the resource. Otherwise
// PERMISSION_DENIED naming the roles that would do.
//
// Thread-safety: safe to call concurrently if the repository is.
#ifndef KEYWARD_SERVICES_DOMAIN_VERIFY_ACCESS_H_
#define KEYWARD_SERVICES_DOMAIN_VERIFY_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "services/domain/caller.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class VerifyAccess {
 public:
  explicit VerifyAccess(ResourceRepository& resources);

  // OK when `caller` may verify keys presented to `resource_id` ("cloud" or
  // a well-formed resource id).
  absl::Status Check(const Caller& caller, const std::string& resource_id);

 private:
  ResourceRepository& resources_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_VERIFY_ACCESS_H_
