#include "services/domain/key_verifier.h"

#include "services/common/status_macros.h"
#include "services/crypto/random.h"
#include "services/domain/ids.h"

namespace keyward::domain {

KeyVerifier::KeyVerifier(KeyLookup& keys, const crypto::SecretHasher& hasher,
                         const Clock& clock, KeyUseRecorder& uses)
    : keys_(keys),
      hasher_(hasher),
      clock_(clock),
      uses_(uses),
      dummy_hash_(hasher.Hash(crypto::RandomBytes(32))) {}

absl::StatusOr<Verification> KeyVerifier::Verify(
    const std::string& key_id, const std::string& secret,
    const std::string& resource_id) {
  Verification verdict;
  if (KindOfId(key_id) != IdKind::kApiKey ||
      !crypto::IsWellFormedSecret(secret)) {
    verdict.reason = VerifyReason::kMalformed;
    return verdict;
  }

  absl::StatusOr<std::optional<StoredApiKey>> stored =
      keys_.FindForVerification(key_id);
  if (!stored.ok()) return stored.status();
  // The same hash and constant-time compare whether or not the key exists.
  const bool found = stored->has_value();
  const bool secret_matches = crypto::ConstantTimeEquals(
      hasher_.Hash(secret), found ? (*stored)->secret_hash : dummy_hash_);
  const Time now = clock_.Now();
  if (!found || !secret_matches) {
    verdict.reason = VerifyReason::kInvalidCredentials;
    // A wrong secret for a key that exists counts against that key.
    if (found) uses_.Record(key_id, verdict.reason, now);
    return verdict;
  }

  const ApiKey& key = (*stored)->key;
  if (key.expire_time && *key.expire_time <= now) {
    verdict.reason = VerifyReason::kExpired;
  } else if (key.resource_id != resource_id) {
    verdict.reason = VerifyReason::kWrongResource;
  } else if (key.disable_time) {
    verdict.reason = VerifyReason::kDisabled;
  } else {
    verdict.reason = VerifyReason::kValid;
  }
  uses_.Record(key.id, verdict.reason, now);
  verdict.key = key;
  return verdict;
}

}  // namespace keyward::domain
