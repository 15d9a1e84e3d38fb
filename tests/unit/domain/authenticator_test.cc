#include "services/domain/authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/domain/key_verifier_test_support.h"

namespace keyward::domain {
namespace {

using testing::Basic;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAdminKey[] = "ADMIN00000000001";
constexpr char kOtherKey[] = "OTHER00000000002";
constexpr char kLocalPeer[] = "ipv4:127.0.0.1:40000";
constexpr int kLimit = 3;

class AuthenticatorTest : public testing::AuthenticatorTestBase {
 protected:
  AuthenticatorTest()
      : AuthenticatorTestBase(AuthLimits{kLimit, std::chrono::minutes(1),
                                         std::chrono::minutes(5)},
                              {"10.0.0.1"}),
        admin_secret_(Store(testing::CloudKey(kAdminKey, "u-admin001"))),
        other_secret_(Store(testing::CloudKey(kOtherKey, "sa-other01"))) {}

  absl::StatusCode Call(const std::optional<std::string>& authorization,
                        const std::string& peer = kLocalPeer,
                        std::vector<std::string> forwarded_for = {}) {
    return authenticator_
        .Authenticate(authorization, CallOrigin{peer, std::move(forwarded_for)})
        .status()
        .code();
  }

  // Every recorded lockout as "actor@target".
  std::vector<std::string> Lockouts() const {
    std::vector<std::string> lockouts;
    for (const AuditRecord& record : audit_.appended) {
      EXPECT_EQ(record.action, "authentication.lockout");
      EXPECT_FALSE(record.allowed);
      lockouts.push_back(record.actor_id + "@" + record.target_id);
    }
    return lockouts;
  }

  std::string admin_secret_;
  std::string other_secret_;
};

TEST_F(AuthenticatorTest, TheRightSecretIdentifiesTheKeysOwner) {
  absl::StatusOr<Caller> caller = authenticator_.Authenticate(
      Basic(std::string(kAdminKey) + ":" + admin_secret_),
      CallOrigin{kLocalPeer, {}});
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->id, "u-admin001");
}

TEST_F(AuthenticatorTest, TheCallerCarriesTheOwnersRoleBindings) {
  role_bindings_.bindings["u-admin001"] = {
      {"OrganizationAdmin", "organization"},
      {"EnvironmentAdmin", "env-abcdefgh"}};
  absl::StatusOr<Caller> caller = authenticator_.Authenticate(
      Basic(std::string(kAdminKey) + ":" + admin_secret_),
      CallOrigin{kLocalPeer, {}});
  ASSERT_TRUE(caller.ok()) << caller.status();
  ASSERT_EQ(caller->role_bindings.size(), 2u);
  EXPECT_EQ(caller->role_bindings[0].role, "OrganizationAdmin");
  EXPECT_EQ(caller->role_bindings[1].scope, "env-abcdefgh");
}

TEST_F(AuthenticatorTest, UnreadableRoleBindingsAreUnavailableNotAFailure) {
  role_bindings_.status = absl::UnavailableError("database down");
  EXPECT_EQ(Call(Basic(std::string(kAdminKey) + ":" + admin_secret_)),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(limiter_.size(), 0u);
}

// Expired and resource keys are refused exactly as a wrong secret is, so
// the answer tells an attacker nothing about the key.
TEST_F(AuthenticatorTest, ExpiredAndResourceKeysAreRefusedLikeWrongSecrets) {
  ApiKey expired;
  expired.id = "EXPIRED000000003";
  expired.owner_id = "sa-expired1";
  expired.resource_id = kCloudResourceId;
  expired.resource_kind = ResourceKind::kCloud;
  expired.expire_time = clock_.Now() - std::chrono::seconds(1);
  const std::string expired_secret = crypto::NewSecret();
  keys_.Put(expired, hasher_.Hash(expired_secret));
  ApiKey on_cluster = expired;
  on_cluster.id = "CLUSTER000000004";
  on_cluster.expire_time.reset();
  on_cluster.resource_id = "lkc-abcdefgh";
  on_cluster.resource_kind = ResourceKind::kKafkaCluster;
  const std::string cluster_secret = crypto::NewSecret();
  keys_.Put(on_cluster, hasher_.Hash(cluster_secret));

  const auto refusal = [&](const std::string& key_and_secret) {
    return authenticator_
        .Authenticate(Basic(key_and_secret), CallOrigin{kLocalPeer, {}})
        .status();
  };
  const absl::Status wrong_secret =
      refusal(std::string(kAdminKey) + ":" + other_secret_);
  ASSERT_EQ(wrong_secret.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(refusal("EXPIRED000000003:" + expired_secret), wrong_secret);
  EXPECT_EQ(refusal("CLUSTER000000004:" + cluster_secret), wrong_secret);
}

// Disabling an admin's Cloud key locks out whoever holds it, at once.
TEST_F(AuthenticatorTest, ADisabledKeyIsRefusedLikeAWrongSecret) {
  ApiKey disabled = testing::CloudKey("DISABLED00000005", "u-admin001");
  disabled.disable_time = clock_.Now() - std::chrono::seconds(1);
  const std::string secret = Store(disabled);
  const absl::Status refused =
      authenticator_
          .Authenticate(Basic("DISABLED00000005:" + secret),
                        CallOrigin{kLocalPeer, {}})
          .status();
  const absl::Status wrong_secret =
      authenticator_
          .Authenticate(Basic(std::string(kAdminKey) + ":" + other_secret_),
                        CallOrigin{kLocalPeer, {}})
          .status();
  ASSERT_EQ(refused.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(refused, wrong_secret);
}

TEST_F(AuthenticatorTest, ACorrectSecretIsNeverRefusedForOthersFailures) {
  const std::string wrong = Basic(std::string(kAdminKey) + ":" + other_secret_);
  for (int i = 0; i < kLimit; ++i) {
    EXPECT_EQ(Call(wrong), absl::StatusCode::kUnauthenticated) << i;
  }
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Call(wrong), absl::StatusCode::kResourceExhausted) << i;
  }
  // The admin, from the same address, with the right secret.
  EXPECT_EQ(Call(Basic(std::string(kAdminKey) + ":" + admin_secret_)),
            absl::StatusCode::kOk);
  // Another key's owner from the same address.
  EXPECT_EQ(Call(Basic(std::string(kOtherKey) + ":" + other_secret_)),
            absl::StatusCode::kOk);
  // The lockout was audited once, naming the key id and the address.
  EXPECT_THAT(Lockouts(),
              ::testing::ElementsAre(std::string(kAdminKey) + "@127.0.0.1"));
}

TEST_F(AuthenticatorTest, TheRefusalSaysWhyAndTheLimitIsPerAddress) {
  const std::string wrong = Basic(std::string(kAdminKey) + ":" + other_secret_);
  for (int i = 0; i < kLimit; ++i) Call(wrong);
  absl::Status refused =
      authenticator_.Authenticate(wrong, CallOrigin{kLocalPeer, {}}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.message(),
              HasSubstr("too many failed authentications from this address"));
  // From another address the same wrong secret is only wrong.
  EXPECT_EQ(Call(wrong, "ipv4:192.0.2.1:5000"),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AuthenticatorTest, MalformedCredentialsAreRecordedAsMalformed) {
  const std::vector<std::string> bad = {
      Basic("\xff\xfe\xfd:" + admin_secret_),
      Basic(std::string("ADMIN0000000000\0", 16) + ":" + admin_secret_),
      Basic(std::string(kAdminKey) + "\n:" + admin_secret_),
      Basic("ADMIN\r\nINJECTED:" + admin_secret_),
      Basic(std::string(kAdminKey) + ":" + admin_secret_ + "\xc3\x28"),
      Basic(std::string(kAdminKey) + ":" + std::string(300, 'x')),
      "Basic !!!not base64!!!",
      "Basic " + std::string(8 * 1024, 'A'),
  };
  // Each from an address of its own: the plain answer.
  for (size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(Call(bad[i], "ipv4:192.0.2." + std::to_string(i) + ":1"),
              absl::StatusCode::kUnauthenticated)
        << i;
  }
  EXPECT_TRUE(audit_.appended.empty());
  // All from one address: one lockout, of "malformed".
  for (const std::string& header : bad) Call(header);
  ASSERT_EQ(audit_.appended.size(), 1u);
  EXPECT_EQ(audit_.appended[0].actor_id, kMalformedKeyId);
  EXPECT_EQ(audit_.appended[0].request_summary_json,
            R"({"address":"127.0.0.1","key":"malformed",)"
            R"("scope":["address","key_at_address"]})");
}

TEST_F(AuthenticatorTest, AMissingHeaderIsRecordedAsAnonymous) {
  for (int i = 0; i < kLimit; ++i) {
    EXPECT_EQ(Call(std::nullopt), absl::StatusCode::kUnauthenticated);
  }
  EXPECT_THAT(Lockouts(), ::testing::ElementsAre("anonymous@127.0.0.1"));
}

TEST_F(AuthenticatorTest, AForgedForwardedForFromAnUntrustedPeerIsIgnored) {
  const std::string wrong = Basic(std::string(kAdminKey) + ":" + other_secret_);
  for (int i = 0; i < kLimit; ++i) {
    Call(wrong, kLocalPeer, {"203.0.113." + std::to_string(i)});
  }
  EXPECT_EQ(Call(wrong, kLocalPeer, {"203.0.113.99"}),
            absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(Lockouts(),
              ::testing::ElementsAre(std::string(kAdminKey) + "@127.0.0.1"));
}

TEST_F(AuthenticatorTest, ATrustedProxyNamesTheClientAddress) {
  const std::string wrong = Basic(std::string(kAdminKey) + ":" + other_secret_);
  for (int i = 0; i < kLimit + 1; ++i) {
    Call(wrong, "ipv4:10.0.0.1:443", {"203.0.113.5"});
  }
  // Another client behind the same proxy is not held back.
  EXPECT_EQ(Call(wrong, "ipv4:10.0.0.1:443", {"203.0.113.6"}),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Call(wrong, "ipv4:10.0.0.1:443", {"203.0.113.5"}),
            absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(Lockouts(),
              ::testing::ElementsAre(std::string(kAdminKey) + "@203.0.113.5"));
}

TEST_F(AuthenticatorTest, AnUnavailableKeyStoreIsNotAFailure) {
  keys_.set_lookup_status(absl::UnavailableError("database down"));
  const std::string wrong = Basic(std::string(kAdminKey) + ":" + other_secret_);
  for (int i = 0; i < kLimit + 2; ++i) {
    EXPECT_EQ(Call(wrong), absl::StatusCode::kUnavailable);
  }
  EXPECT_TRUE(audit_.appended.empty());
  EXPECT_EQ(limiter_.size(), 0u);
}

}  // namespace
}  // namespace keyward::domain
