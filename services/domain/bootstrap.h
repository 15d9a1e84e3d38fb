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

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/crypto/secret.h"
#include "services/domain/audit.h"
#include "services/domain/clock.h"
#include "services/domain/types.h"

namespace keyward::domain {

struct FirstAdmin {
  Account account;
  RoleBinding role_binding;  // OrganizationAdmin at the organization
  ApiKey key;
  std::string secret;  // shown once
};

// An account that already holds the role the first admin would get.
struct ExistingAdmin {
  std::string principal_id;
};

class BootstrapRepository {
 public:
  virtual ~BootstrapRepository() = default;
  // Writes the account, its role binding and its key with `audit`, all or
  // nothing, unless a binding of admin.role_binding.role already exists:
  // then writes nothing and returns its principal. Concurrent calls take
  // turns, so only one of them can write.
  virtual absl::StatusOr<std::optional<ExistingAdmin>> CreateFirstAdmin(
      const FirstAdmin& admin, const std::string& secret_hash,
      const std::vector<AuditRecord>& audit, Time now) = 0;
};

absl::StatusOr<FirstAdmin> BootstrapFirstAdmin(
    BootstrapRepository& repository, const crypto::SecretHasher& hasher,
    const Clock& clock, const std::string& email,
    const std::string& display_name);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_BOOTSTRAP_H_
