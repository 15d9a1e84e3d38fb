// Bootstrap: creates the organization's first OrganizationAdmin — a user
// account, its OrganizationAdmin binding at scope "organization", and a
// Cloud API key for it — in one transaction, and hands back the key's secret
// once. Refused (FAILED_PRECONDITION) once any OrganizationAdmin exists, so
// it can only ever open an empty installation. It runs before any caller
// exists, so no policy is asked; its writes are audited with actor
// "bootstrap".
//
// Thread-safety: safe to call concurrently; the repository serializes.
#ifndef KEYWARD_SERVICES_DOMAIN_BOOTSTRAP_H_
#define KEYWARD_SERVICES_DOMAIN_BOOTSTRAP_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/crypto/secret.h"
#include "services/domain/audit.h"
#include "services/domain/clock.h"
#include "services/domain/types.h"

namespace keyward::domain {

struct FirstAdmin {
  Account account;
  std::string role_binding_id;
  ApiKey key;
  std::string secret;  // shown once
};

class BootstrapRepository {
 public:
  virtual ~BootstrapRepository() = default;
  // Writes all three with their audit events, or nothing:
  // FAILED_PRECONDITION when an OrganizationAdmin already exists.
  virtual absl::Status CreateFirstAdmin(const FirstAdmin& admin,
                                        const std::string& secret_hash,
                                        Time now) = 0;
};

absl::StatusOr<FirstAdmin> BootstrapFirstAdmin(
    BootstrapRepository& repository, const crypto::SecretHasher& hasher,
    const Clock& clock, const std::string& email,
    const std::string& display_name);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_BOOTSTRAP_H_
