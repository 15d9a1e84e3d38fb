#include "services/common/options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "services/common/option_values.h"

namespace keyward {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

struct Limits {
  int count = 0;
  milliseconds wait{0};
  bool loud = false;
  std::string name;
};

const OptionTable<Limits>& LimitsOptions() {
  static const OptionTable<Limits> kOptions = {
      {{"count", "TEST_COUNT", "how many", "3"},
       Into(&Limits::count, WholeNumber(1, 10))},
      {{"wait", "TEST_WAIT", "how long", "1s"},
       Into(&Limits::wait, Duration(milliseconds(0)))},
      {{"loud", "TEST_LOUD", "shout", "false", /*is_switch=*/true},
       Into(&Limits::loud, Boolean())},
  };
  return kOptions;
}

struct Names {
  std::string name;
};

const OptionTable<Names>& NamesOptions() {
  static const OptionTable<Names> kOptions = {
      {{"name", "TEST_NAME", "who", ""}, Into(&Names::name, Text())},
  };
  return kOptions;
}

// Limits and Names parsed from `args` and `env` by one OptionSet.
struct Parsed {
  Limits limits;
  Names names;
  std::vector<std::string> positionals;
  std::vector<std::string> problems;
};

Parsed Parse(const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env = {}) {
  Parsed parsed;
  OptionSet options;
  options.Add(LimitsOptions(), parsed.limits);
  options.Add(NamesOptions(), parsed.names);
  parsed.positionals = options.Apply(args, env, parsed.problems);
  return parsed;
}

TEST(OptionSetTest, TheTablesDefaultsApplyWhenNothingIsGiven) {
  const Parsed parsed = Parse({});
  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_EQ(parsed.limits.count, 3);
  EXPECT_EQ(parsed.limits.wait, std::chrono::seconds(1));
  EXPECT_FALSE(parsed.limits.loud);
  EXPECT_EQ(parsed.names.name, "");
}

TEST(OptionSetTest, VariablesOverrideDefaultsAndFlagsOverrideVariables) {
  const Parsed parsed = Parse(
      {"--count", "7", "--name=flag"},
      {{"TEST_COUNT", "5"}, {"TEST_WAIT", "250ms"}, {"TEST_NAME", "env"}});
  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_EQ(parsed.limits.count, 7);
  EXPECT_EQ(parsed.limits.wait, milliseconds(250));
  EXPECT_EQ(parsed.names.name, "flag");
}

TEST(OptionSetTest, ASwitchAloneMeansTrueAndTakesAValueAfterEquals) {
  EXPECT_TRUE(Parse({"--loud"}).limits.loud);
  EXPECT_FALSE(Parse({"--loud=no"}, {{"TEST_LOUD", "yes"}}).limits.loud);
  const Parsed bad = Parse({"--loud=maybe"});
  EXPECT_THAT(bad.problems, ElementsAre("--loud: must be true or false"));
}

TEST(OptionSetTest, EveryProblemIsReportedNamingItsSource) {
  const Parsed parsed = Parse({"--count", "11", "--colour", "red", "--wait"},
                              {{"TEST_WAIT", "soon"}});
  EXPECT_THAT(parsed.problems,
              ElementsAre(HasSubstr("TEST_WAIT: 'soon' is not a duration"),
                          "--count: must be a whole number from 1 to 10",
                          "unknown flag: --colour", "--wait: needs a value"));
  EXPECT_THAT(parsed.positionals, ElementsAre("red"));
}

TEST(OptionSetTest, ABadValueLeavesTheDefaultInPlace) {
  const Parsed parsed = Parse({"--count=0"});
  EXPECT_THAT(parsed.problems, ElementsAre(HasSubstr("--count: ")));
  EXPECT_EQ(parsed.limits.count, 3);
}

TEST(OptionSetTest, ADefaultThatDoesNotParseIsReportedNotIgnored) {
  static const OptionTable<Limits> kBroken = {
      {{"count", "TEST_COUNT", "how many", "lots"},
       Into(&Limits::count, WholeNumber(1, 10))}};
  Limits limits;
  OptionSet options;
  options.Add(kBroken, limits);
  std::vector<std::string> problems;
  options.Apply({}, {}, problems);
  EXPECT_THAT(problems, ElementsAre(HasSubstr("default of --count: ")));
}

TEST(OptionSetTest, SpecsAndHelpListEveryRowInTheOrderAdded) {
  Limits limits;
  Names names;
  OptionSet options;
  options.Add(NamesOptions(), names);
  options.Add(LimitsOptions(), limits);
  std::vector<std::string> flags;
  for (const OptionSpec& spec : options.Specs()) flags.push_back(spec.flag);
  EXPECT_THAT(flags, ElementsAre("name", "count", "wait", "loud"));
  EXPECT_EQ(FormatOptions({options.Specs()[0], options.Specs()[1]}),
            "  --name / TEST_NAME\n      who\n"
            "  --count / TEST_COUNT (3)\n      how many\n");
}

TEST(ValueParsersTest, DurationsKeepMillisecondsAndHonourTheirBounds) {
  milliseconds value{0};
  const auto at_least_50ms = Duration(milliseconds(50));
  EXPECT_EQ(at_least_50ms("1s500ms", value), "");
  EXPECT_EQ(value, milliseconds(1500));
  EXPECT_EQ(at_least_50ms("10ms", value), "must be at least 50ms");
  EXPECT_EQ(at_least_50ms("366d", value), "must be at most 365d");
  EXPECT_EQ(value, milliseconds(1500));
}

TEST(ValueParsersTest, ByteSizesTakeBytesKibOrMib) {
  int bytes = 0;
  const auto size = ByteSize(4 * 1024, 64 * 1024 * 1024);
  EXPECT_EQ(size("512KiB", bytes), "");
  EXPECT_EQ(bytes, 512 * 1024);
  EXPECT_THAT(size("1MB", bytes), HasSubstr("must be a size from 4KiB"));
}

TEST(ValueParsersTest, UrlsLoseTrailingSlashesAndHostPortsNeedAPort) {
  std::string text;
  EXPECT_EQ(HttpUrl()("http://opa:8181//", text), "");
  EXPECT_EQ(text, "http://opa:8181");
  EXPECT_EQ(HttpUrl()("opa:8181", text), "must be an http:// or https:// URL");
  EXPECT_EQ(HostPort()("[::1]:0", text), "");
  EXPECT_THAT(HostPort()("localhost", text), HasSubstr("must be host:port"));
}

TEST(ValueParsersTest, EmptyTurnsOffResetsTheSetting) {
  SettingFile file{"/some/path", "contents"};
  const auto parse =
      EmptyTurnsOff(FileContents([](std::string&) { return std::string(); }));
  EXPECT_EQ(parse("", file), "");
  EXPECT_EQ(file.path, "");
  EXPECT_EQ(file.contents, "");
  EXPECT_EQ(parse("/nonexistent/keyward-file", file), "cannot read the file");
}

}  // namespace
}  // namespace keyward
