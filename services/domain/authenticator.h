// Authenticator: turns a call's `authorization: Basic base64(key:secret)`
// metadata into the Caller — the owner of a valid Cloud API key, with their
// role bindings. Missing, malformed, unknown, wrong-secret, expired and
// resource (non-Cloud) keys all get the same UNAUTHENTICATED answer, and
// every attempt costs one key lookup and one secret hash (malformed ones
// against a decoy), so neither the answer nor the work tells them apart.
// Failures are counted per key id and peer (FailedAuthLimiter); past the
// threshold the caller gets RESOURCE_EXHAUSTED until the cooling-off ends, and
// the lockout is audited.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_AUTHENTICATOR_H_
#define KEYWARD_SERVICES_DOMAIN_AUTHENTICATOR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/audit.h"
#include "services/domain/auth_limiter.h"
#include "services/domain/key_verifier.h"
#include "services/domain/repositories.h"
#include "services/domain/role_binding_source.h"

namespace keyward::domain {

class Authenticator {
 public:
  Authenticator(KeyVerifier& verifier, RoleBindingSource& role_bindings,
                FailedAuthLimiter& limiter, AuditRepository& audit,
                const Clock& clock);

  // `authorization` is the metadata value, nullopt when absent; `peer` the
  // gRPC peer ("ipv4:127.0.0.1:5555").
  absl::StatusOr<Caller> Authenticate(
      const std::optional<std::string>& authorization, const std::string& peer);

 private:
  KeyVerifier& verifier_;
  RoleBindingSource& role_bindings_;
  FailedAuthLimiter& limiter_;
  AuditRepository& audit_;
  const Clock& clock_;
  const std::string decoy_secret_;  // for malformed credentials' equal work
};

// The credentials in a Basic authorization value; nullopt when it is not
// one ("Basic " + base64 of "key:secret").
struct BasicCredentials {
  std::string key;
  std::string secret;
};
std::optional<BasicCredentials> ParseBasicAuthorization(
    const std::string& value);

// "ipv4:127.0.0.1:5555" → "127.0.0.1"; "ipv6:[::1]:5555" → "[::1]".
std::string PeerAddress(const std::string& peer);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUTHENTICATOR_H_
