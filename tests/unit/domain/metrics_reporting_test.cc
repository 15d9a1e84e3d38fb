// What the domain's parts report to a MetricsSink, and that they need none.
#include <gtest/gtest.h>

#include <vector>

#include "services/domain/authenticator.h"
#include "services/domain/metrics_sink.h"
#include "services/domain/verification_cache.h"
#include "tests/unit/domain/fake_api_key_repository.h"
#include "tests/unit/domain/key_verifier_test_support.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;
using testing::FixedClock;

class RecordingSink : public MetricsSink {
 public:
  void VerificationCacheLookup(bool hit) override { ++(hit ? hits : misses); }
  void VerificationCacheEntries(size_t count) override { entries = count; }
  void AuthenticationFailed(AuthFailureReason reason) override {
    failures.push_back(reason);
  }

  int hits = 0;
  int misses = 0;
  size_t entries = 0;
  std::vector<AuthFailureReason> failures;
};

class CacheMetricsTest : public ::testing::Test {
 protected:
  CacheMetricsTest() : clock_(At(1'700'000'000)) {
    ApiKey key;
    key.id = "AAAAAAAAAAAAAAAA";
    key.owner_id = "sa-owner123";
    key.resource_id = "cloud";
    repository_.Put(key, std::string(32, 'h'));
  }

  FakeApiKeyRepository repository_;
  FixedClock clock_;
  RecordingSink sink_;
};

TEST_F(CacheMetricsTest, LookupsCountAsHitsOrMissesAndEntriesFollowTheCache) {
  CachedKeyLookup cache(repository_, clock_, VerificationCacheLimits{}, sink_);
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA").ok());  // miss
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA").ok());  // hit
  EXPECT_EQ(sink_.misses, 1);
  EXPECT_EQ(sink_.hits, 1);
  EXPECT_EQ(sink_.entries, 1u);

  // An unknown id is read once, then remembered: a hit, not an entry.
  ASSERT_TRUE(cache.FindForVerification("ZZZZZZZZZZZZZZZZ").ok());
  ASSERT_TRUE(cache.FindForVerification("ZZZZZZZZZZZZZZZZ").ok());
  EXPECT_EQ(sink_.misses, 2);
  EXPECT_EQ(sink_.hits, 2);
  EXPECT_EQ(sink_.entries, 1u);

  cache.Revoke("AAAAAAAAAAAAAAAA");
  EXPECT_EQ(sink_.entries, 0u);
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA").ok());
  EXPECT_EQ(sink_.misses, 3);
  EXPECT_EQ(sink_.entries, 1u);
  cache.Clear();
  EXPECT_EQ(sink_.entries, 0u);
}

TEST_F(CacheMetricsTest, WithoutASinkNothingIsReportedAndTheCacheWorks) {
  CachedKeyLookup cache(repository_, clock_);
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(repository_.lookups(), 1);
  EXPECT_EQ(sink_.hits + sink_.misses, 0);
  // The shared no-op sink is one object, fit for every part.
  EXPECT_EQ(&NoMetrics(), &NoMetrics());
}

class AuthFailureMetricsTest : public testing::KeyVerifierTestBase<> {
 protected:
  AuthFailureMetricsTest()
      : limiter_(clock_, AuthLimits{2, std::chrono::minutes(1),
                                    std::chrono::minutes(5)}),
        addresses_(std::vector<std::string>{}),
        authenticator_(verifier_, role_bindings_, limiter_, addresses_, audit_,
                       clock_, sink_),
        secret_(Store(testing::CloudKey("ADMIN00000000001", "u-admin001"))) {}

  void Call(const std::optional<std::string>& authorization,
            const std::string& peer = "ipv4:127.0.0.1:40000") {
    (void)authenticator_.Authenticate(authorization, CallOrigin{peer, {}});
  }

  RecordingSink sink_;
  testing::ScriptedRoleBindings role_bindings_;
  FailedAuthLimiter limiter_;
  ClientAddressResolver addresses_;
  testing::FakeAuditRepository audit_;
  Authenticator authenticator_;
  std::string secret_;
};

TEST_F(AuthFailureMetricsTest, EachRefusalIsCountedByItsReason) {
  Call(std::nullopt, "ipv4:10.0.0.1:1");
  Call("Bearer something", "ipv4:10.0.0.2:1");
  Call(testing::Basic("ADMIN00000000001:" + secret_ + "x"), "ipv4:10.0.0.3:1");
  Call(testing::Basic("ADMIN00000000001:" +
                      Store(testing::CloudKey("OTHER00000000002", "sa-o1"))),
       "ipv4:10.0.0.4:1");
  EXPECT_EQ(sink_.failures,
            (std::vector<AuthFailureReason>{
                AuthFailureReason::kMissing, AuthFailureReason::kMalformed,
                AuthFailureReason::kMalformed,
                AuthFailureReason::kInvalidCredentials}));
}

TEST_F(AuthFailureMetricsTest, AcceptedCredentialsAreNoFailure) {
  Call(testing::Basic("ADMIN00000000001:" + secret_));
  EXPECT_TRUE(sink_.failures.empty());
}

TEST_F(AuthFailureMetricsTest, FailuresFromACoolingOffAddressAreLockedOut) {
  const std::string wrong =
      Store(testing::CloudKey("OTHER00000000002", "sa-o1"));
  for (int i = 0; i < 4; ++i) {
    Call(testing::Basic("ADMIN00000000001:" + wrong));
  }
  ASSERT_EQ(sink_.failures.size(), 4u);
  EXPECT_EQ(sink_.failures.front(), AuthFailureReason::kInvalidCredentials);
  EXPECT_EQ(sink_.failures.back(), AuthFailureReason::kLockedOut);
}

}  // namespace
}  // namespace keyward::domain
