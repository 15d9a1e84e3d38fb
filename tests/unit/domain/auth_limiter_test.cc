#include "services/domain/auth_limiter.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/domain/fake_api_key_repository.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FixedClock;

constexpr char kKey[] = "ABCDEFGH12345678";
constexpr char kOtherKey[] = "ZYXWVUTS87654321";
constexpr char kAddress[] = "192.0.2.7";
constexpr char kOtherAddress[] = "198.51.100.9";

class FailedAuthLimiterTest : public ::testing::Test {
 protected:
  FailedAuthLimiterTest()
      : clock_(At(1'700'000'000)),
        limiter_(clock_, AuthLimits{3, std::chrono::minutes(1),
                                    std::chrono::minutes(5)}) {}

  // Fails `times` and returns the last verdict.
  FailureVerdict Fail(const std::string& key, const std::string& address,
                      int times = 1) {
    FailureVerdict verdict;
    for (int i = 0; i < times; ++i) {
      verdict = limiter_.RecordFailure(key, address);
    }
    return verdict;
  }

  FixedClock clock_;
  FailedAuthLimiter limiter_;
};

TEST_F(FailedAuthLimiterTest, AKeyAtAnAddressIsRefusedPastTheLimit) {
  FailureVerdict first = Fail(kKey, kAddress);
  EXPECT_FALSE(first.refused);
  EXPECT_FALSE(first.tipped());
  EXPECT_FALSE(Fail(kKey, kAddress).refused);

  const FailureVerdict third = Fail(kKey, kAddress);
  EXPECT_FALSE(third.refused) << "the limit-th failure is still an answer";
  EXPECT_TRUE(third.key_tipped);
  EXPECT_TRUE(third.address_tipped);

  const FailureVerdict fourth = Fail(kKey, kAddress);
  EXPECT_TRUE(fourth.refused);
  EXPECT_FALSE(fourth.tipped()) << "a lockout is reported once";
}

TEST_F(FailedAuthLimiterTest, AnAddressIsRefusedPastTheLimitWhateverTheKeys) {
  Fail("AAAAAAAAAAAAAAA1", kAddress);
  Fail("AAAAAAAAAAAAAAA2", kAddress);
  const FailureVerdict third = Fail("AAAAAAAAAAAAAAA3", kAddress);
  EXPECT_TRUE(third.address_tipped);
  EXPECT_FALSE(third.key_tipped);
  EXPECT_TRUE(Fail("AAAAAAAAAAAAAAA4", kAddress).refused);
}

TEST_F(FailedAuthLimiterTest, FailuresAtOneAddressNeverTouchAnother) {
  Fail(kKey, kAddress, 10);
  // The same key id from elsewhere: its owner is not locked out.
  const FailureVerdict elsewhere = Fail(kKey, kOtherAddress);
  EXPECT_FALSE(elsewhere.refused);
  EXPECT_FALSE(elsewhere.tipped());
  EXPECT_FALSE(Fail(kOtherKey, kOtherAddress).refused);
}

TEST_F(FailedAuthLimiterTest, FailuresOutsideTheWindowDoNotAddUp) {
  Fail(kKey, kAddress, 2);
  clock_.Advance(std::chrono::minutes(2));
  EXPECT_FALSE(Fail(kKey, kAddress, 2).tipped());
  EXPECT_TRUE(Fail(kKey, kAddress).tipped());
}

TEST_F(FailedAuthLimiterTest, TheCoolingOffEndsAndCountingStartsAfresh) {
  Fail(kKey, kAddress, 3);
  clock_.Advance(std::chrono::minutes(4));
  EXPECT_TRUE(Fail(kKey, kAddress).refused);
  clock_.Advance(std::chrono::minutes(1) + std::chrono::seconds(1));
  EXPECT_FALSE(Fail(kKey, kAddress).refused);
  EXPECT_FALSE(Fail(kKey, kAddress).refused);
  const FailureVerdict again = Fail(kKey, kAddress);
  EXPECT_FALSE(again.refused);
  EXPECT_TRUE(again.tipped()) << "a new lockout is a new report";
}

TEST_F(FailedAuthLimiterTest, ASuccessForgetsThePairButNotTheAddress) {
  Fail(kKey, kAddress, 2);
  limiter_.RecordSuccess(kKey, kAddress);
  // The pair starts over; the address has seen two failures already.
  const FailureVerdict third = Fail(kKey, kAddress);
  EXPECT_TRUE(third.address_tipped);
  EXPECT_FALSE(third.key_tipped);
}

TEST_F(FailedAuthLimiterTest, ASuccessEndsThePairsCoolingOff) {
  Fail(kKey, kAddress, 3);
  limiter_.RecordSuccess(kKey, kAddress);
  // Still refused: the address as a whole is cooling off.
  EXPECT_TRUE(Fail(kKey, kAddress).refused);
}

TEST(FailedAuthLimiterMemoryTest, StaysBoundedUnderAddressRotation) {
  FixedClock clock(At(1'700'000'000));
  constexpr size_t kCap = 64;
  FailedAuthLimiter limiter(
      clock, AuthLimits{3, std::chrono::minutes(1), std::chrono::minutes(5)},
      kCap);
  for (int i = 0; i < 10000; ++i) {
    limiter.RecordFailure(kKey, "10.0." + std::to_string(i / 250) + "." +
                                    std::to_string(i % 250));
    ASSERT_LE(limiter.size(), kCap) << "after " << i + 1 << " addresses";
  }
}

TEST(FailedAuthLimiterMemoryTest, SubjectsCoolingOffOutlastRotatingCounts) {
  FixedClock clock(At(1'700'000'000));
  constexpr size_t kCap = 64;
  FailedAuthLimiter limiter(
      clock, AuthLimits{3, std::chrono::minutes(1), std::chrono::minutes(5)},
      kCap);
  for (int i = 0; i < 3; ++i) limiter.RecordFailure(kKey, kAddress);
  for (int i = 0; i < 10000; ++i) {
    clock.Advance(std::chrono::milliseconds(1));
    limiter.RecordFailure("malformed", "10.1." + std::to_string(i / 250) + "." +
                                           std::to_string(i % 250));
  }
  ASSERT_LE(limiter.size(), kCap);
  EXPECT_TRUE(limiter.RecordFailure(kKey, kAddress).refused)
      << "one failure per rotated address must not evict a lockout";
}

TEST(FailedAuthLimiterMemoryTest, StaysBoundedWhenEveryAddressIsLockedOut) {
  FixedClock clock(At(1'700'000'000));
  constexpr size_t kCap = 64;
  FailedAuthLimiter limiter(
      clock, AuthLimits{1, std::chrono::minutes(1), std::chrono::hours(1)},
      kCap);
  for (int i = 0; i < 5000; ++i) {
    clock.Advance(std::chrono::milliseconds(1));
    const std::string address =
        "10.2." + std::to_string(i / 250) + "." + std::to_string(i % 250);
    EXPECT_TRUE(limiter.RecordFailure(kKey, address).tipped());
    ASSERT_LE(limiter.size(), kCap);
  }
  // The most recent lockouts are the ones kept.
  EXPECT_TRUE(limiter.RecordFailure(kKey, "10.2.19.249").refused);
}

}  // namespace
}  // namespace keyward::domain
