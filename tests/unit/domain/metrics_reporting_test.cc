// What the domain's parts report to a MetricsSink, and that they need none.
#include <gtest/gtest.h>

#include "services/domain/metrics_sink.h"
#include "services/domain/verification_cache.h"
#include "tests/unit/domain/fake_api_key_repository.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FakeApiKeyRepository;
using testing::FixedClock;

class RecordingSink : public MetricsSink {
 public:
  void VerificationCacheLookup(bool hit) override { ++(hit ? hits : misses); }
  void VerificationCacheEntries(size_t count) override { entries = count; }

  int hits = 0;
  int misses = 0;
  size_t entries = 0;
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

}  // namespace
}  // namespace keyward::domain
