// What the key-verification and authentication unit tests build on: a
// KeyVerifier over an in-memory key store (secrets hashed with kPepper, a
// clock fixed at 1'700'000'000 s), and for the authentication tests an
// Authenticator over it. A test class derives from KeyVerifierTestBase or
// AuthenticatorTestBase and declares what it builds on them after these
// members, so they are built first.
//
// Thread-safety: single-threaded tests only (FakeApiKeyRepository itself is
// guarded).
#ifndef KEYWARD_TESTS_UNIT_DOMAIN_KEY_VERIFIER_TEST_SUPPORT_H_
#define KEYWARD_TESTS_UNIT_DOMAIN_KEY_VERIFIER_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "services/crypto/secret.h"
#include "services/domain/auth_limiter.h"
#include "services/domain/authenticator.h"
#include "services/domain/client_address.h"
#include "services/domain/key_verifier.h"
#include "tests/unit/domain/fake_api_key_repository.h"
#include "tests/unit/domain/fake_policy.h"

namespace keyward::domain::testing {

// Forgets every use.
class IgnoredKeyUses : public KeyUseRecorder {
 public:
  void Record(const std::string&, VerifyReason, Time) override {}
  absl::Status Flush() override { return absl::OkStatus(); }
};

// The bindings a test gives each principal (none by default), or a failure.
class ScriptedRoleBindings : public RoleBindingSource {
 public:
  absl::StatusOr<std::vector<CallerRoleBinding>> RoleBindingsOf(
      const std::string& principal_id) override {
    if (!status.ok()) return status;
    return bindings[principal_id];
  }
  std::map<std::string, std::vector<CallerRoleBinding>> bindings;
  absl::Status status;
};

// The "authorization" header value presenting `key_and_secret`
// ("KEY:SECRET").
inline std::string Basic(const std::string& key_and_secret) {
  std::string encoded;
  absl::Base64Escape(key_and_secret, &encoded);
  return "Basic " + encoded;
}

// A Cloud key `id` of `owner_id`.
inline ApiKey CloudKey(const std::string& id, const std::string& owner_id,
                       AccountType owner_type = AccountType::kServiceAccount) {
  ApiKey key;
  key.id = id;
  key.owner_id = owner_id;
  key.owner_type = owner_type;
  key.resource_id = kCloudResourceId;
  key.resource_kind = ResourceKind::kCloud;
  return key;
}

// `Uses`: the KeyUseRecorder the verifier reports verdicts to.
template <typename Uses = IgnoredKeyUses>
class KeyVerifierTestBase : public ::testing::Test {
 protected:
  KeyVerifierTestBase()
      : hasher_(kPepper),
        clock_(At(1'700'000'000)),
        verifier_(keys_, hasher_, clock_, uses_) {}

  // Stores `key` with a new secret and returns the secret.
  std::string Store(const ApiKey& key) {
    const std::string secret = crypto::NewSecret();
    keys_.Put(key, hasher_.Hash(secret));
    return secret;
  }

  crypto::SecretHasher hasher_;
  FixedClock clock_;
  FakeApiKeyRepository keys_;
  Uses uses_;
  KeyVerifier verifier_;
};

// An Authenticator with `limits` that trusts `trusted_proxies`, recording
// lockouts in audit_.
class AuthenticatorTestBase : public KeyVerifierTestBase<> {
 protected:
  explicit AuthenticatorTestBase(
      AuthLimits limits = {},
      const std::vector<std::string>& trusted_proxies = {})
      : limiter_(clock_, limits),
        addresses_(trusted_proxies),
        authenticator_(verifier_, role_bindings_, limiter_, addresses_, audit_,
                       clock_) {}

  ScriptedRoleBindings role_bindings_;
  FailedAuthLimiter limiter_;
  ClientAddressResolver addresses_;
  FakeAuditRepository audit_;
  Authenticator authenticator_;
};

}  // namespace keyward::domain::testing

#endif  // KEYWARD_TESTS_UNIT_DOMAIN_KEY_VERIFIER_TEST_SUPPORT_H_
