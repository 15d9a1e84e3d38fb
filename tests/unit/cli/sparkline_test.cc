// The sparkline of `keyward api-key usage`.
#include "cli/sparkline.h"

#include <gtest/gtest.h>

#include <limits>

namespace keyward::cli {
namespace {

TEST(SparklineTest, ScalesToTheLargestValue) {
  EXPECT_EQ(Sparkline({0, 1, 2, 3, 4, 5, 6, 7}), "▁▂▃▄▅▆▇█");
  EXPECT_EQ(Sparkline({0, 70, 35, 10}), "▁█▅▂");
}

TEST(SparklineTest, AnyUseStandsOutFromNone) {
  EXPECT_EQ(Sparkline({0, 1, 1000000}), "▁▂█");
  EXPECT_EQ(Sparkline({5, 5}), "██");
}

TEST(SparklineTest, NoUseIsAFlatLineAndNoDaysNothing) {
  EXPECT_EQ(Sparkline({0, 0, 0}), "▁▁▁");
  EXPECT_EQ(Sparkline({-3}), "▁");
  EXPECT_EQ(Sparkline({}), "");
}

TEST(SparklineTest, HugeCountsDoNotOverflow) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(Sparkline({max, max / 2, 1}), "█▅▂");
}

}  // namespace
}  // namespace keyward::cli
