// Authenticator: turns a call's `authorization: Basic base64(key:secret)`
// metadata into the Caller — the owner of a valid Cloud API key, with their
// role bindings. Missing, malformed, unknown, wrong-secret, expired and
// resource (non-Cloud) keys all get the same UNAUTHENTICATED answer, and
// every attempt costs one key lookup and one secret hash (malformed ones
// against a decoy), so neither the answer nor the work tells them apart.
//
// Throttling cannot be turned on the victim: the secret is verified first,
// and a correct one is always accepted. Failures are counted per client
// address and per (key id, address) (FailedAuthLimiter, with the address
// from ClientAddressResolver); a failing attempt from a subject that is
// cooling off gets RESOURCE_EXHAUSTED instead of UNAUTHENTICATED, and the
// failure that starts a cooling off is audited (`authentication.lockout`)
// and logged once. Only a well-formed key id ever reaches the limiter, the
// log or the audit trail; anything else is recorded as "malformed" (or
// "anonymous" when there is no authorization at all). Each refusal is
// counted on `metrics` by reason (never by key id or address).
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_AUTHENTICATOR_H_
#define KEYWARD_SERVICES_DOMAIN_AUTHENTICATOR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/auth_limiter.h"
#include "services/domain/caller.h"
#include "services/domain/client_address.h"
#include "services/domain/key_verifier.h"
#include "services/domain/metrics_sink.h"
#include "services/domain/repositories.h"
#include "services/domain/role_binding_source.h"

namespace keyward::domain {

// Where a call comes from: the transport's peer and what proxies say.
struct CallOrigin {
  std::string peer;  // as gRPC names it: "ipv4:127.0.0.1:5555"
  // The values of every `x-forwarded-for` header, in order; believed only
  // from a trusted proxy.
  std::vector<std::string> forwarded_for;
};

// What the limiter, the log and the audit trail record for presented
// credentials that carry no well-formed key id.
inline constexpr char kMalformedKeyId[] = "malformed";
inline constexpr char kAnonymousKeyId[] = "anonymous";  // no authorization

class Authenticator {
 public:
  Authenticator(KeyVerifier& verifier, RoleBindingSource& role_bindings,
                FailedAuthLimiter& limiter,
                const ClientAddressResolver& addresses, AuditRepository& audit,
                const Clock& clock, MetricsSink& metrics = NoMetrics());

  // `authorization` is the metadata value, nullopt when absent.
  // UNAUTHENTICATED for bad credentials, RESOURCE_EXHAUSTED for bad
  // credentials from a subject that is cooling off, UNAVAILABLE when keys or
  // role bindings cannot be read.
  absl::StatusOr<Caller> Authenticate(
      const std::optional<std::string>& authorization,
      const CallOrigin& origin);

 private:
  // Audits and logs the failure that started a cooling off.
  void ReportLockout(const std::string& key_id, const std::string& address,
                     const FailureVerdict& verdict);

  KeyVerifier& verifier_;
  RoleBindingSource& role_bindings_;
  FailedAuthLimiter& limiter_;
  const ClientAddressResolver& addresses_;
  AuditRepository& audit_;
  const Clock& clock_;
  MetricsSink& metrics_;
  const std::string decoy_secret_;  // for malformed credentials' equal work
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUTHENTICATOR_H_
