#include "cli/args.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<FlagSpec> Flags() {
  return {{"resource", "ID", "the resource", true},
          {"description", "TEXT", "what it is for"},
          {"force", "", "no questions"},
          {"output", "FORMAT", "table, json or yaml", false, 'o'}};
}

TEST(ParseCommandLineTest, ReadsFlagsInBothSpellingsAndPositionalsAnywhere) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"KEY1", "--resource", "lkc-1", "KEY2",
                                "--description=a b", "--force", "-o", "json"},
                               Flags(), &line, &error))
      << error;
  EXPECT_EQ(line.Get("resource"), "lkc-1");
  EXPECT_EQ(line.Get("description"), "a b");
  EXPECT_TRUE(line.GetBool("force"));
  EXPECT_EQ(line.Get("output"), "json");
  EXPECT_THAT(line.positionals(), ElementsAre("KEY1", "KEY2"));
  EXPECT_FALSE(line.help());
}

TEST(ParseCommandLineTest, AFlagGivenTwiceKeepsTheLastValueAndGetAllHasBoth) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine(
      {"--resource", "lkc-1", "--description", "a", "--description=b"}, Flags(),
      &line, &error))
      << error;
  EXPECT_EQ(line.Get("description"), "b");
  EXPECT_THAT(line.GetAll("description"), ElementsAre("a", "b"));
  EXPECT_THAT(line.GetAll("resource"), ElementsAre("lkc-1"));
  EXPECT_TRUE(line.GetAll("output").empty());
}

TEST(ParseCommandLineTest, AListFlagMayBeRepeatedAndCommaSeparated) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine(
      {"--description", "a, b", "--description=,c,", "--resource", "lkc-1"},
      Flags(), &line, &error))
      << error;
  EXPECT_THAT(line.GetList("description"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(line.GetList("resource"), ElementsAre("lkc-1"));
  EXPECT_TRUE(line.GetList("output").empty());
}

TEST(ParseCommandLineTest, AnEmptyValueIsGivenAndDistinctFromAbsent) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--resource", "cloud", "--description", ""},
                               Flags(), &line, &error));
  EXPECT_TRUE(line.Has("description"));
  EXPECT_EQ(line.Get("description", "fallback"), "");
  EXPECT_FALSE(line.Has("output"));
  EXPECT_EQ(line.Get("output", "table"), "table");
  EXPECT_FALSE(line.GetBool("force"));
}

TEST(ParseCommandLineTest, AValueFlagTakesTheNextWordEvenWithADash) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--resource", "x", "--description", "-dash"},
                               Flags(), &line, &error));
  EXPECT_EQ(line.Get("description"), "-dash");
}

TEST(ParseCommandLineTest, ShortFlagAcceptsAnAttachedValue) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(
      ParseCommandLine({"--resource=x", "-oyaml"}, Flags(), &line, &error));
  EXPECT_EQ(line.Get("output"), "yaml");
}

TEST(ParseCommandLineTest, BooleanFlagsTakeExplicitValuesOnlyAfterEquals) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--resource=x", "--force=false"}, Flags(),
                               &line, &error));
  EXPECT_FALSE(line.GetBool("force"));
  EXPECT_FALSE(ParseCommandLine({"--resource=x", "--force=maybe"}, Flags(),
                                &line, &error));
  EXPECT_THAT(error, HasSubstr("--force"));
}

TEST(ParseCommandLineTest, DoubleDashEndsTheFlags) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--resource", "x", "--", "--force", "-o"},
                               Flags(), &line, &error));
  EXPECT_FALSE(line.GetBool("force"));
  EXPECT_THAT(line.positionals(), ElementsAre("--force", "-o"));
}

TEST(ParseCommandLineTest, TheLastOfARepeatedFlagWins) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--resource", "a", "--resource", "b"}, Flags(),
                               &line, &error));
  EXPECT_EQ(line.Get("resource"), "b");
}

TEST(ParseCommandLineTest, RejectsAnUnknownFlagNamingIt) {
  CommandLine line;
  std::string error;
  EXPECT_FALSE(ParseCommandLine({"--resource", "x", "--colour", "red"}, Flags(),
                                &line, &error));
  EXPECT_EQ(error, "unknown flag: --colour");
  EXPECT_FALSE(
      ParseCommandLine({"--resource", "x", "-q"}, Flags(), &line, &error));
  EXPECT_EQ(error, "unknown flag: -q");
}

TEST(ParseCommandLineTest, RejectsAValueFlagWithoutAValue) {
  CommandLine line;
  std::string error;
  EXPECT_FALSE(ParseCommandLine({"--resource"}, Flags(), &line, &error));
  EXPECT_THAT(error, HasSubstr("--resource needs a value"));
}

TEST(ParseCommandLineTest, RejectsAMissingRequiredFlag) {
  CommandLine line;
  std::string error;
  EXPECT_FALSE(ParseCommandLine({"--force"}, Flags(), &line, &error));
  EXPECT_EQ(error, "missing required flag --resource");
}

TEST(ParseCommandLineTest, HelpSkipsTheRequiredFlagCheck) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--help"}, Flags(), &line, &error));
  EXPECT_TRUE(line.help());
  ASSERT_TRUE(ParseCommandLine({"-h"}, Flags(), &line, &error));
  EXPECT_TRUE(line.help());
}

TEST(ParseCommandLineTest, ALoneDashIsAPositional) {
  CommandLine line;
  std::string error;
  ASSERT_TRUE(ParseCommandLine({"--resource=x", "-"}, Flags(), &line, &error));
  EXPECT_THAT(line.positionals(), ElementsAre("-"));
}

CommandLine Parsed(const std::vector<std::string>& args) {
  const std::vector<FlagSpec> flags = {{"grace", "DURATION", "how long"},
                                       {"days", "N", "how many days"}};
  CommandLine line;
  std::string error;
  EXPECT_TRUE(ParseCommandLine(args, flags, &line, &error)) << error;
  return line;
}

TEST(DurationFlagTest, ReadsDaysHoursAndMinutes) {
  std::optional<std::chrono::milliseconds> value;
  std::string error;
  ASSERT_TRUE(
      DurationFlag(Parsed({"--grace", "90d"}), "grace", false, &value, &error));
  EXPECT_EQ(value, std::chrono::hours(90 * 24));
  ASSERT_TRUE(
      DurationFlag(Parsed({"--grace=24h"}), "grace", false, &value, &error));
  EXPECT_EQ(value, std::chrono::hours(24));
  ASSERT_TRUE(DurationFlag(Parsed({"--grace", "1h30m"}), "grace", false, &value,
                           &error));
  EXPECT_EQ(value, std::chrono::minutes(90));
}

TEST(DurationFlagTest, NotGivenIsNoValue) {
  std::optional<std::chrono::milliseconds> value = std::chrono::hours(1);
  std::string error;
  ASSERT_TRUE(DurationFlag(Parsed({}), "grace", false, &value, &error));
  EXPECT_FALSE(value.has_value());
}

TEST(DurationFlagTest, ZeroOnlyWhereItMeansSomething) {
  std::optional<std::chrono::milliseconds> value;
  std::string error;
  ASSERT_TRUE(
      DurationFlag(Parsed({"--grace", "0"}), "grace", true, &value, &error));
  EXPECT_EQ(value, std::chrono::milliseconds(0));
  EXPECT_FALSE(
      DurationFlag(Parsed({"--grace", "0"}), "grace", false, &value, &error));
  EXPECT_EQ(error, "--grace: must be more than 0s");
}

TEST(DurationFlagTest, RejectsWhatIsNotADurationNamingTheFlag) {
  std::optional<std::chrono::milliseconds> value;
  std::string error;
  for (const char* text : {"90", "soon", "-1d", "7 d", ""}) {
    EXPECT_FALSE(
        DurationFlag(Parsed({"--grace", text}), "grace", true, &value, &error))
        << text;
    EXPECT_THAT(error, StartsWith("--grace: '" + std::string(text) + "'"));
  }
}

TEST(NumberFlagTest, AcceptsWholeNumbersInRangeOnly) {
  std::optional<int> value;
  std::string error;
  ASSERT_TRUE(
      NumberFlag(Parsed({"--days", "7"}), "days", 1, 366, &value, &error));
  EXPECT_EQ(value, 7);
  ASSERT_TRUE(NumberFlag(Parsed({}), "days", 1, 366, &value, &error));
  EXPECT_FALSE(value.has_value());
  for (const char* text : {"0", "367", "-1", "7d", "", "9999999999"}) {
    EXPECT_FALSE(
        NumberFlag(Parsed({"--days", text}), "days", 1, 366, &value, &error))
        << text;
    EXPECT_EQ(error, "--days: '" + std::string(text) +
                         "' is not a whole number from 1 to 366");
  }
}

TEST(FormatFlagsTest, AlignsHelpAndMarksRequiredFlags) {
  EXPECT_EQ(FormatFlags({{"resource", "ID", "the resource", true},
                         {"output", "FORMAT", "how", false, 'o'},
                         {"force", "", "no questions"}}),
            "  --resource ID        (required) the resource\n"
            "  -o, --output FORMAT  how\n"
            "  --force              no questions\n");
}

TEST(FormatFlagsTest, WrapsLongHelpUnderItsColumn) {
  const std::string text = FormatFlags(
      {{"x", "", std::string(50, 'a') + " " + std::string(40, 'b')}});
  EXPECT_EQ(text, "  --x  " + std::string(50, 'a') + "\n       " +
                      std::string(40, 'b') + "\n");
}

TEST(WrapTextTest, BreaksAtSpacesWithinTheWidth) {
  EXPECT_EQ(WrapText("one two three four", 9, 2), "one two\n  three\n  four");
  EXPECT_EQ(WrapText("averyveryverylongword x", 5, 0),
            "averyveryverylongword\nx");
  EXPECT_EQ(WrapText("", 10, 0), "");
}

}  // namespace
}  // namespace keyward::cli
