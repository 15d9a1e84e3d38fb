#include "services/common/command_line.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward {
namespace {

using Kind = CommandLineItem::Kind;

const std::vector<FlagSyntax>& Flags() {
  static const std::vector<FlagSyntax> kFlags = {
      {"listen", 0, false}, {"force", 0, true}, {"output", 'o', false}};
  return kFlags;
}

// "kind text[=value]" per item, to compare whole splits at a glance.
std::vector<std::string> Describe(const std::vector<std::string>& args) {
  std::vector<std::string> described;
  for (const CommandLineItem& item : SplitCommandLine(args, Flags())) {
    std::string text;
    switch (item.kind) {
      case Kind::kPositional:
        text = "positional ";
        break;
      case Kind::kFlag:
        text = "flag#" + std::to_string(item.flag) + " ";
        break;
      case Kind::kUnknownFlag:
        text = "unknown ";
        break;
      case Kind::kMissingValue:
        text = "missing#" + std::to_string(item.flag) + " ";
        break;
    }
    text += item.text;
    if (item.value) text += "=" + *item.value;
    described.push_back(text);
  }
  return described;
}

TEST(SplitCommandLineTest, ReadsBothSpellingsAndPositionalsAnywhere) {
  EXPECT_THAT(Describe({"serve", "--listen", "a:1", "--output=json", "x"}),
              ::testing::ElementsAre("positional serve", "flag#0 --listen=a:1",
                                     "flag#2 --output=json", "positional x"));
}

TEST(SplitCommandLineTest, ASwitchTakesAValueOnlyAfterEquals) {
  EXPECT_THAT(Describe({"--force", "no", "--force=no"}),
              ::testing::ElementsAre("flag#1 --force", "positional no",
                                     "flag#1 --force=no"));
}

TEST(SplitCommandLineTest, AValueFlagTakesTheNextWordEvenWithADash) {
  EXPECT_THAT(Describe({"--listen", "--force"}),
              ::testing::ElementsAre("flag#0 --listen=--force"));
}

TEST(SplitCommandLineTest, ShortAliasesTakeAttachedOrFollowingValues) {
  EXPECT_THAT(Describe({"-o", "json", "-oyaml", "-o=table"}),
              ::testing::ElementsAre("flag#2 -o=json", "flag#2 -o=yaml",
                                     "flag#2 -o=table"));
}

TEST(SplitCommandLineTest, UnknownFlagsAreNamedAsSpelledWithoutTheirValue) {
  EXPECT_THAT(Describe({"--colour=blue", "-q", "--colour", "red"}),
              ::testing::ElementsAre("unknown --colour=blue", "unknown -q",
                                     "unknown --colour", "positional red"));
}

TEST(SplitCommandLineTest, AValueFlagLastOnTheLineIsMissingItsValue) {
  EXPECT_THAT(Describe({"--listen"}),
              ::testing::ElementsAre("missing#0 --listen"));
}

TEST(SplitCommandLineTest, DoubleDashEndsTheFlagsAndALoneDashIsPositional) {
  EXPECT_THAT(Describe({"-", "--", "--force", "-o"}),
              ::testing::ElementsAre("positional -", "positional --force",
                                     "positional -o"));
}

}  // namespace
}  // namespace keyward
