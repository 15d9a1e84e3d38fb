#include "services/domain/verification_cache.h"

#include <gtest/gtest.h>

#include "tests/unit/domain/fake_api_key_repository.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;
using testing::FixedClock;

class VerificationCacheTest : public ::testing::Test {
 protected:
  VerificationCacheTest()
      : clock_(At(1'700'000'000)),
        cache_(repository_, clock_,
               VerificationCacheLimits{10, 10, std::chrono::seconds(5)}) {
    ApiKey key;
    key.id = "AAAAAAAAAAAAAAAA";
    key.owner_id = "sa-owner123";
    key.resource_id = "cloud";
    repository_.Put(key, std::string(32, 'h'));
  }

  FakeApiKeyRepository repository_;
  FixedClock clock_;
  CachedKeyLookup cache_;
};

TEST_F(VerificationCacheTest, AWarmKeyIsServedWithoutTheDatabase) {
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(repository_.lookups(), 1);
  EXPECT_EQ(cache_.cached_keys(), 1u);
}

TEST_F(VerificationCacheTest, ACachedKeyKeepsEverythingVerificationReads) {
  ApiKey key;
  key.id = "BBBBBBBBBBBBBBBB";
  key.owner_id = "u-person01";
  key.owner_type = AccountType::kUser;
  key.resource_id = "lksqlc-abcd1234";
  key.resource_kind = ResourceKind::kKsqldbApp;
  key.expire_time = At(1'800'000'000) + std::chrono::microseconds(123456);
  repository_.Put(key, std::string(32, 'k'));
  ASSERT_TRUE(cache_.FindForVerification("BBBBBBBBBBBBBBBB").ok());
  auto cached = cache_.FindForVerification("BBBBBBBBBBBBBBBB");  // from memory
  ASSERT_TRUE(cached.ok() && cached->has_value());
  EXPECT_EQ(repository_.lookups(), 1);
  const StoredApiKey& stored = **cached;
  EXPECT_EQ(stored.key.id, key.id);
  EXPECT_EQ(stored.key.owner_id, key.owner_id);
  EXPECT_EQ(stored.key.owner_type, key.owner_type);
  EXPECT_EQ(stored.key.resource_id, key.resource_id);
  EXPECT_EQ(stored.key.resource_kind, key.resource_kind);
  EXPECT_EQ(stored.key.expire_time, key.expire_time);
  EXPECT_EQ(stored.secret_hash, std::string(32, 'k'));
}

TEST_F(VerificationCacheTest, ACachedKeyKeepsItsDisableTime) {
  ApiKey key;
  key.id = "DDDDDDDDDDDDDDDD";
  key.owner_id = "sa-owner123";
  key.resource_id = "cloud";
  key.disable_time = At(1'650'000'000) + std::chrono::microseconds(654321);
  repository_.Put(key, std::string(32, 'd'));
  ASSERT_TRUE(cache_.FindForVerification("DDDDDDDDDDDDDDDD").ok());
  auto cached = cache_.FindForVerification("DDDDDDDDDDDDDDDD");  // from memory
  ASSERT_TRUE(cached.ok() && cached->has_value());
  EXPECT_EQ(repository_.lookups(), 1);
  EXPECT_EQ((*cached)->key.disable_time, key.disable_time);
}

// Disable and enable reach the cache as revocations: the entry is read
// again, with the key's new disable_time.
TEST_F(VerificationCacheTest, ARevokedKeyComesBackWithItsNewDisableTime) {
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA").ok());
  ApiKey key;
  key.id = "AAAAAAAAAAAAAAAA";
  key.owner_id = "sa-owner123";
  key.resource_id = "cloud";
  key.disable_time = clock_.Now();
  repository_.Put(key, std::string(32, 'h'));
  auto stale = cache_.FindForVerification("AAAAAAAAAAAAAAAA");
  ASSERT_TRUE(stale.ok() && stale->has_value());
  EXPECT_FALSE((*stale)->key.disable_time.has_value());  // not yet revoked
  cache_.Revoke("AAAAAAAAAAAAAAAA");
  auto fresh = cache_.FindForVerification("AAAAAAAAAAAAAAAA");
  ASSERT_TRUE(fresh.ok() && fresh->has_value());
  EXPECT_EQ((*fresh)->key.disable_time, clock_.Now());
  EXPECT_EQ(repository_.lookups(), 2);
}

TEST_F(VerificationCacheTest, UnknownIdsAreRememberedForAWhile) {
  EXPECT_FALSE(cache_.FindForVerification("ZZZZZZZZZZZZZZZZ")->has_value());
  EXPECT_FALSE(cache_.FindForVerification("ZZZZZZZZZZZZZZZZ")->has_value());
  EXPECT_EQ(repository_.lookups(), 1);
  clock_.Advance(std::chrono::seconds(6));
  EXPECT_FALSE(cache_.FindForVerification("ZZZZZZZZZZZZZZZZ")->has_value());
  EXPECT_EQ(repository_.lookups(), 2);
}

TEST_F(VerificationCacheTest, ARevokedKeyIsLookedUpAgain) {
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  cache_.Revoke("AAAAAAAAAAAAAAAA");
  EXPECT_EQ(cache_.cached_keys(), 0u);
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(repository_.lookups(), 2);
}

TEST_F(VerificationCacheTest, ClearForgetsKnownAndUnknownIds) {
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA").ok());
  ASSERT_TRUE(cache_.FindForVerification("ZZZZZZZZZZZZZZZZ").ok());
  cache_.Clear();
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA").ok());
  ASSERT_TRUE(cache_.FindForVerification("ZZZZZZZZZZZZZZZZ").ok());
  EXPECT_EQ(repository_.lookups(), 4);
}

TEST_F(VerificationCacheTest, AKeyCachedLongerThanTheMaximumAgeIsReadAgain) {
  CachedKeyLookup cache(repository_, clock_,
                        VerificationCacheLimits{10, 10, std::chrono::seconds(5),
                                                std::chrono::seconds(60)});
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  clock_.Advance(std::chrono::seconds(59));
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(repository_.lookups(), 1);
  clock_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(repository_.lookups(), 2);
  // Read again, it is fresh for another maximum age.
  ASSERT_TRUE(cache.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(repository_.lookups(), 2);
}

TEST_F(VerificationCacheTest, AKeyDeletedWithoutARevocationGoesAtMaximumAge) {
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  // Deleted on another replica, and the notification lost.
  ASSERT_TRUE(repository_.Delete("AAAAAAAAAAAAAAAA", Mutation{}).ok());
  EXPECT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  clock_.Advance(VerificationCacheLimits{}.max_age);
  EXPECT_FALSE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  EXPECT_EQ(cache_.cached_keys(), 0u);
}

TEST_F(VerificationCacheTest, AnAgedKeyIsNotServedWhenTheDatabaseFails) {
  ASSERT_TRUE(cache_.FindForVerification("AAAAAAAAAAAAAAAA")->has_value());
  clock_.Advance(VerificationCacheLimits{}.max_age);
  repository_.set_lookup_status(absl::UnavailableError("database unavailable"));
  EXPECT_EQ(cache_.FindForVerification("AAAAAAAAAAAAAAAA").status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(VerificationCacheTest, BothCachesStayWithinTheirBounds) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(
        cache_.FindForVerification("UNKNOWN" + std::to_string(1000000000 + i))
            .ok());
  }
  EXPECT_LE(cache_.cached_keys(), 10u);
}

}  // namespace
}  // namespace keyward::domain
