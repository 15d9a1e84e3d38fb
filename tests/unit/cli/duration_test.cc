#include "cli/duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward::cli {
namespace {

using ::testing::HasSubstr;

std::chrono::seconds Parse(const std::string& text) {
  std::chrono::seconds value{-1};
  std::string error;
  EXPECT_TRUE(ParseDuration(text, &value, &error)) << text << ": " << error;
  return value;
}

std::string Error(const std::string& text) {
  std::chrono::seconds value{0};
  std::string error;
  EXPECT_FALSE(ParseDuration(text, &value, &error)) << text;
  return error;
}

TEST(ParseDurationTest, AcceptsSecondsMinutesHoursAndDays) {
  EXPECT_EQ(Parse("45s"), std::chrono::seconds(45));
  EXPECT_EQ(Parse("15m"), std::chrono::minutes(15));
  EXPECT_EQ(Parse("1h"), std::chrono::hours(1));
  EXPECT_EQ(Parse("90d"), std::chrono::hours(90 * 24));
  EXPECT_EQ(Parse("0s"), std::chrono::seconds(0));
}

TEST(ParseDurationTest, AddsUpSeveralGroups) {
  EXPECT_EQ(Parse("1h30m"), std::chrono::minutes(90));
  EXPECT_EQ(Parse("1d2h3m4s"), std::chrono::seconds(93784));
}

TEST(ParseDurationTest, RejectsWhatIsNotADuration) {
  EXPECT_THAT(Error(""), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("90"), HasSubstr("'90' is not a duration"));
  EXPECT_THAT(Error("d"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("5y"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("1.5h"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("-1h"), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("1h "), HasSubstr("is not a duration"));
  EXPECT_THAT(Error("1H"), HasSubstr("is not a duration"));
}

TEST(ParseDurationTest, RejectsOverflow) {
  EXPECT_THAT(Error("99999999999999999999s"), HasSubstr("too long"));
  EXPECT_THAT(Error("999999999999999d"), HasSubstr("too long"));
  EXPECT_THAT(Error("9223372036854775807s1s"), HasSubstr("too long"));
}

}  // namespace
}  // namespace keyward::cli
