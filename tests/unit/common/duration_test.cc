#include "services/common/duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

milliseconds Parse(std::string_view text) {
  absl::StatusOr<milliseconds> value = ParseDuration(text);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status();
  return value.value_or(milliseconds(-1));
}

std::string Error(std::string_view text) {
  absl::StatusOr<milliseconds> value = ParseDuration(text);
  EXPECT_FALSE(value.ok()) << text;
  return std::string(value.status().message());
}

TEST(ParseDurationTest, AcceptsEveryUnit) {
  EXPECT_EQ(Parse("250ms"), milliseconds(250));
  EXPECT_EQ(Parse("45s"), std::chrono::seconds(45));
  EXPECT_EQ(Parse("15m"), std::chrono::minutes(15));
  EXPECT_EQ(Parse("2h"), std::chrono::hours(2));
  EXPECT_EQ(Parse("90d"), std::chrono::hours(90 * 24));
  EXPECT_EQ(Parse("0s"), milliseconds(0));
}

TEST(ParseDurationTest, AddsUpSeveralGroups) {
  EXPECT_EQ(Parse("1h30m"), std::chrono::minutes(90));
  EXPECT_EQ(Parse("1d2h3m4s"), std::chrono::seconds(93784));
  EXPECT_EQ(Parse("1s500ms"), milliseconds(1500));
  EXPECT_EQ(Parse("1m1ms"), milliseconds(60001));
}

TEST(ParseDurationTest, ZeroNeedsNoUnit) {
  EXPECT_EQ(Parse("0"), milliseconds(0));
  EXPECT_EQ(Parse("0s"), milliseconds(0));
  EXPECT_THAT(Error("00"), HasSubstr("'00' is not a duration"));
}

TEST(ParseDurationTest, RefusesWhatIsNotADuration) {
  EXPECT_THAT(Error(""), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("90"), HasSubstr("'90' is not a duration"));
  EXPECT_THAT(Error("1h30"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("d"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("5y"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("1.5h"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("-1h"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("1h "), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("1H"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("5mss"), HasSubstr("is not a duration"));
}

TEST(ParseDurationTest, RefusesWhatDoesNotFit) {
  EXPECT_THAT(Error("99999999999999999999s"), HasSubstr("too long"));
  // Fits as a number of days, not as milliseconds.
  EXPECT_THAT(Error("999999999999d"), HasSubstr("too long"));
  EXPECT_THAT(Error("9223372036854775807ms1ms"), HasSubstr("too long"));
  EXPECT_EQ(Parse("9223372036854775807ms"), milliseconds(9223372036854775807));
}

TEST(FormatDurationTest, WritesLargestUnitsFirstAndReadsBack) {
  EXPECT_EQ(FormatDuration(milliseconds(0)), "0");
  EXPECT_EQ(FormatDuration(milliseconds(500)), "500ms");
  EXPECT_EQ(FormatDuration(std::chrono::seconds(10)), "10s");
  EXPECT_EQ(FormatDuration(std::chrono::minutes(90)), "1h30m");
  EXPECT_EQ(FormatDuration(std::chrono::hours(49) + milliseconds(1)),
            "2d1h1ms");
  for (const milliseconds value :
       {milliseconds(1), milliseconds(61001), milliseconds(86400000 * 3LL)}) {
    EXPECT_EQ(Parse(FormatDuration(value)), value);
  }
}

}  // namespace
}  // namespace keyward
