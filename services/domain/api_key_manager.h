// ApiKeyManager: the rules for API keys — input validation, issuing the id
// and secret, storing only the secret's keyed hash, quotas (enforced by the
// repository inside the create transaction), immutability and audit — over
// an ApiKeyRepository. Rotation's own rules are in key_rotation.h.
//
// The secret exists in plain text only in the value Create (or Rotate)
// returns; it is never part of an audit record, a log line or an error.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_API_KEY_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_API_KEY_MANAGER_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "services/crypto/secret.h"
#include "services/domain/caller.h"
#include "services/domain/clock.h"
#include "services/domain/decided.h"
#include "services/domain/page_token.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/repositories.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"
#include "services/domain/validation.h"

namespace keyward::domain {

// What CreateApiKey asks for.
struct ApiKeyRequest {
  std::string owner_id;     // empty: the caller
  std::string resource_id;  // a resource id or kCloudResourceId
  std::string display_name;
  std::string description;
  std::optional<Time> expire_time;
  bool validate_only = false;
};

// A created key and its secret, shown once (both ids and secret empty for
// validate_only).
struct IssuedApiKey {
  ApiKey key;
  std::string secret;
};

// What RotateApiKey asks for (key_rotation.h).
struct RotationRequest {
  std::string id;
  std::optional<std::chrono::microseconds> grace_period;  // unset: policy's
  bool validate_only = false;
};

// A successor with its secret, shown once (id and secret empty for
// validate_only), and the old key as it is now (or would be).
struct IssuedRotation {
  ApiKey key;
  std::string secret;
  ApiKey previous;
};

class ApiKeyManager {
 public:
  ApiKeyManager(ApiKeyRepository& repository,
                const crypto::SecretHasher& hasher, const Clock& clock,
                PolicyGate& policy, PolicyFacts& facts,
                const PageTokenCodec& page_tokens, KeyQuotas quotas);

  // Writes return the policy's decision with their result (decided.h).
  Decided<IssuedApiKey> Create(const Caller& caller,
                               const ApiKeyRequest& request);
  // Reads show only what `caller` may see (see roles.h). The filter's
  // resource_id may be "cloud"; a page token is valid only with the filter
  // it came from.
  absl::StatusOr<ApiKey> Get(const Caller& caller, const std::string& id);
  absl::StatusOr<Listed<ApiKey>> List(const Caller& caller,
                                      const ApiKeyFilter& filter, int page_size,
                                      const std::string& page_token);
  Decided<ApiKey> Update(const Caller& caller, const std::string& id,
                         const ApiKeyUpdate& update);
  Decided<DeleteResult> Delete(const Caller& caller, const std::string& id,
                               bool validate_only);
  // Disabling a disabled key, or enabling an enabled one, changes nothing
  // and succeeds (audited all the same); an expired key stays expired.
  // validate_only returns the key as it would be.
  Decided<ApiKey> Disable(const Caller& caller, const std::string& id,
                          bool validate_only);
  Decided<ApiKey> Enable(const Caller& caller, const std::string& id,
                         bool validate_only);
  // Issues a successor to a key and shortens the old key's life to the
  // grace period (key_rotation.h). FAILED_PRECONDITION for a disabled or
  // expired key.
  Decided<IssuedRotation> Rotate(const Caller& caller,
                                 const RotationRequest& request);
  // The key's verifications on the last `days` UTC days (0: 30; at most
  // 366), oldest first, today (by the clock) last, with zeros for days
  // without any. The key must be visible to `caller` as for Get. A read:
  // neither policy-checked nor audited.
  absl::StatusOr<std::vector<KeyUsageDay>> Usage(const Caller& caller,
                                                 const std::string& id,
                                                 int days);

 private:
  // The policy target of an update or delete: the key with its owner and
  // resource. (A create's comes from PolicyFacts::KeyCreation.)
  absl::StatusOr<PolicyTarget> KeyTarget(const std::string& id);
  // Disable and Enable: `action` checked, then `write` run.
  using Switch = absl::StatusOr<ApiKey> (ApiKeyRepository::*)(
      const std::string& id, const Mutation& mutation);
  Decided<ApiKey> SwitchKey(const Caller& caller, const std::string& id,
                            bool validate_only, const char* action,
                            Switch write);

  ApiKeyRepository& repository_;
  const crypto::SecretHasher& hasher_;
  const Clock& clock_;
  PolicyGate& policy_;
  PolicyFacts& facts_;
  const PageTokenCodec& page_tokens_;
  const KeyQuotas quotas_;
};

// The page-token scope of ListApiKeys with that filter.
std::string ApiKeyListScope(const ApiKeyFilter& filter);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_API_KEY_MANAGER_H_
