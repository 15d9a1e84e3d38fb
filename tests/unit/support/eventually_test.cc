// Eventually and PollUntil: they return as soon as the predicate holds, give
// up at the deadline, and Eventually then fails the test naming what it
// waited for.
#include "tests/support/eventually.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

namespace keyward::testing {
namespace {

TEST(PollUntilTest, ReturnsOnceThePredicateHolds) {
  int calls = 0;
  EXPECT_TRUE(
      PollUntil([&] { return ++calls == 3; }, std::chrono::seconds(10)));
  EXPECT_EQ(calls, 3);
}

TEST(PollUntilTest, GivesUpAtTheDeadlineAfterALastLook) {
  const auto start = std::chrono::steady_clock::now();
  int calls = 0;
  EXPECT_FALSE(PollUntil(
      [&] {
        ++calls;
        return false;
      },
      std::chrono::milliseconds(100)));
  EXPECT_GE(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(100));
  EXPECT_GE(calls, 2);
}

TEST(EventuallyTest, AWaitThatNeverEndsFailsNamingWhatWasAwaited) {
  EXPECT_NONFATAL_FAILURE(
      Eventually(
          "the moon to turn blue", [] { return false; },
          std::chrono::milliseconds(20)),
      "timed out after 20 ms waiting for the moon to turn blue");
}

TEST(EventuallyTest, AWaitThatEndsPasses) {
  int polls = 0;
  EXPECT_TRUE(Eventually("the third poll", [&] { return ++polls == 3; }));
}

}  // namespace
}  // namespace keyward::testing
