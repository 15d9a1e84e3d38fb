// KeyVerifier: decides whether a presented key id and secret open a
// resource (VerifyApiKey, and caller authentication: see Authenticator).
//
// The verdicts, in the order they are decided:
//   kMalformed           key id or secret has the wrong shape, or the
//                        secret's checksum is wrong — decided before any
//                        lookup;
//   kInvalidCredentials  no such key, or the wrong secret; both paths hash
//                        the secret and compare it in constant time (an
//                        unknown key against a dummy hash), so neither the
//                        answer nor the work tells them apart;
//   kExpired             the key's expire_time has passed;
//   kWrongResource       a resource key presented for another resource (or
//                        for "cloud"), a Cloud key presented for a resource;
//   kDisabled            the key is disabled;
//   kValid               otherwise.
// Every verdict about a key that exists (all but kMalformed and an unknown
// id) is handed to the KeyUseRecorder, which counts it and, for kValid,
// moves last_used_time; nothing is written on the request path.
// The key's details are returned only once the secret is proven.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_KEY_VERIFIER_H_
#define KEYWARD_SERVICES_DOMAIN_KEY_VERIFIER_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/crypto/secret.h"
#include "services/domain/clock.h"
#include "services/domain/key_use.h"
#include "services/domain/repositories.h"
#include "services/domain/verify_reason.h"

namespace keyward::domain {

struct Verification {
  VerifyReason reason = VerifyReason::kMalformed;
  // Set only when the secret was proven (kValid, kExpired, kWrongResource,
  // kDisabled).
  std::optional<ApiKey> key;

  bool valid() const { return reason == VerifyReason::kValid; }
};

class KeyVerifier {
 public:
  KeyVerifier(KeyLookup& keys, const crypto::SecretHasher& hasher,
              const Clock& clock, KeyUseRecorder& uses);

  // `resource_id` is "cloud" or a well-formed resource id (the caller checks:
  // CheckKeyResourceId). UNAVAILABLE when the lookup fails; everything about
  // the credentials themselves is a Verification, not an error.
  absl::StatusOr<Verification> Verify(const std::string& key_id,
                                      const std::string& secret,
                                      const std::string& resource_id);

 private:
  KeyLookup& keys_;
  const crypto::SecretHasher& hasher_;
  const Clock& clock_;
  KeyUseRecorder& uses_;
  // Compared against when the key is unknown, so that path does the same
  // work as a wrong secret.
  const std::string dummy_hash_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_KEY_VERIFIER_H_
