// The input rules every service applies: what passes, and that each refusal
// is INVALID_ARGUMENT naming the field first.
#include "services/domain/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

void ExpectInvalid(const absl::Status& status, const std::string& field,
                   const std::string& problem) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), StartsWith(field + ": "));
  EXPECT_THAT(std::string(status.message()), HasSubstr(problem));
}

TEST(CheckTextTest, AcceptsUnicodeUpToTheLimitInCodePoints) {
  EXPECT_TRUE(
      CheckText("display_name", "Zahlungen – Produktion ✓", Presence::kRequired)
          .ok());
  // 1,024 three-byte characters: 3,072 bytes, but 1,024 characters.
  std::string longest;
  for (size_t i = 0; i < kMaxTextLength; ++i) longest += "€";
  EXPECT_TRUE(CheckText("description", longest, Presence::kOptional).ok());
  ExpectInvalid(CheckText("description", longest + "x", Presence::kOptional),
                "description", "longer than 1024 characters");
}

TEST(CheckTextTest, RequiredTextMustNotBeBlankButOptionalMayBeEmpty) {
  ExpectInvalid(CheckText("display_name", "", Presence::kRequired),
                "display_name", "is required");
  ExpectInvalid(CheckText("display_name", "   ", Presence::kRequired),
                "display_name", "is required");
  EXPECT_TRUE(CheckText("description", "", Presence::kOptional).ok());
}

TEST(CheckTextTest, RefusesControlCharactersAndInvalidUtf8) {
  for (const std::string& bad :
       {std::string("line\nbreak"), std::string("tab\t"),
        std::string("nul\0x", 5), std::string("\x7f"),
        std::string("c1 \xc2\x85")}) {
    ExpectInvalid(CheckText("display_name", bad, Presence::kOptional),
                  "display_name", "control characters");
  }
  for (const std::string& bad :
       {std::string("\xff"), std::string("\xc3"),  // truncated sequence
        std::string("\xc0\xaf"),                   // overlong '/'
        std::string("\xed\xa0\x80"),               // a UTF-16 surrogate
        std::string("\xf4\x90\x80\x80")}) {        // beyond U+10FFFF
    ExpectInvalid(CheckText("display_name", bad, Presence::kOptional),
                  "display_name", "is not valid UTF-8");
  }
}

TEST(CheckWordTest, AcceptsShortLowerCaseWords) {
  EXPECT_TRUE(CheckWord("stage", "prod").ok());
  EXPECT_TRUE(CheckWord("region", "us-east-1").ok());
  EXPECT_TRUE(CheckWord("stage", std::string(32, 'a')).ok());
}

TEST(CheckWordTest, RefusesAnythingElseWithTheExpectedShape) {
  ExpectInvalid(CheckWord("stage", ""), "stage", "is required");
  for (const std::string& bad :
       {std::string("Prod"), std::string("1prod"), std::string("-prod"),
        std::string("pro d"), std::string("prod_1"), std::string(33, 'a')}) {
    ExpectInvalid(CheckWord("stage", bad), "stage", "[a-z][a-z0-9-]{0,31}");
  }
}

TEST(CheckEmailTest, AcceptsPlainAddresses) {
  EXPECT_TRUE(CheckEmail("email", "ada@example.com").ok());
  EXPECT_TRUE(CheckEmail("email", "a.b+tag@mail.example.co").ok());
}

TEST(CheckEmailTest, RefusesWhatIsNotAnAddress) {
  ExpectInvalid(CheckEmail("email", ""), "email", "is required");
  for (const char* bad :
       {"ada", "@example.com", "ada@", "ada@example", "ada@.com",
        "ada@example.", "a@b@example.com", "ada lovelace@example.com",
        "<ada>@example.com", "ad\x01@example.com", "ad\xc3\xa9@example.com"}) {
    ExpectInvalid(CheckEmail("email", bad), "email", "is not an email address");
  }
  const std::string too_long = std::string(250, 'a') + "@b.co";
  ExpectInvalid(CheckEmail("email", too_long), "email",
                "longer than 254 characters");
}

TEST(CheckIdTest, AcceptsAnIdOfAnyOfTheKinds) {
  EXPECT_TRUE(CheckId("owner_id", "sa-abc12345",
                      {IdKind::kUser, IdKind::kServiceAccount})
                  .ok());
  EXPECT_TRUE(CheckId("owner_id", "u-abc12345",
                      {IdKind::kUser, IdKind::kServiceAccount})
                  .ok());
}

TEST(CheckIdTest, NamesEveryKindItExpected) {
  ExpectInvalid(CheckId("owner_id", "", {IdKind::kUser}), "owner_id",
                "is required");
  ExpectInvalid(CheckId("owner_id", "env-abc12345",
                        {IdKind::kUser, IdKind::kServiceAccount}),
                "owner_id",
                "must be a user account id (u-…) or a service account id "
                "(sa-…)");
  ExpectInvalid(CheckId("id", "not an id", {IdKind::kApiKey}), "id",
                "must be an API key id (16 × [A-Z0-9])");
}

TEST(CheckKeyResourceIdTest, AcceptsCloudAndEveryResourceKind) {
  for (const char* resource : {"cloud", "lkc-abcd1234", "lsrc-abcd1234",
                               "lksqlc-abcd1234", "lfr-abcd1234"}) {
    EXPECT_TRUE(CheckKeyResourceId("resource_id", resource).ok()) << resource;
  }
}

TEST(CheckKeyResourceIdTest, RefusesAMissingOrMalformedResourceNamingTheField) {
  for (const char* resource :
       {"", "sa-abcd1234", "env-abcd1234", "Cloud", "lkc-ABCD1234", "lkc-"}) {
    const absl::Status status = CheckKeyResourceId("resource_id", resource);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << resource;
    EXPECT_THAT(std::string(status.message()), StartsWith("resource_id"))
        << resource;
  }
}

TEST(CheckPageSizeTest, ZeroMeansTheDefaultAndTheRangeIsOneToAHundred) {
  EXPECT_EQ(*CheckPageSize(0), kDefaultPageSize);
  EXPECT_EQ(*CheckPageSize(1), 1);
  EXPECT_EQ(*CheckPageSize(kMaxPageSize), kMaxPageSize);
  ExpectInvalid(CheckPageSize(-1).status(), "page_size", "from 0 to 100");
  ExpectInvalid(CheckPageSize(kMaxPageSize + 1).status(), "page_size",
                "from 0 to 100");
}

TEST(CheckNameAndDescriptionUpdateTest, SummarizesThePresentFieldsOnly) {
  nlohmann::json summary = nlohmann::json::object();
  ASSERT_TRUE(CheckNameAndDescriptionUpdate("Renamed", Presence::kRequired,
                                            std::nullopt, summary)
                  .ok());
  EXPECT_EQ(summary, nlohmann::json({{"display_name", "Renamed"}}));

  summary = nlohmann::json::object();
  ASSERT_TRUE(CheckNameAndDescriptionUpdate(std::nullopt, Presence::kRequired,
                                            "", summary)
                  .ok());
  EXPECT_EQ(summary, nlohmann::json({{"description", ""}}));
}

TEST(CheckNameAndDescriptionUpdateTest, RefusesAnEmptyOrInvalidUpdate) {
  nlohmann::json summary = nlohmann::json::object();
  ExpectInvalid(CheckNameAndDescriptionUpdate(std::nullopt, Presence::kRequired,
                                              std::nullopt, summary),
                "update_mask", "names nothing to update");
  ExpectInvalid(CheckNameAndDescriptionUpdate(" ", Presence::kRequired,
                                              std::nullopt, summary),
                "display_name", "is required");
  ExpectInvalid(CheckNameAndDescriptionUpdate(std::nullopt, Presence::kRequired,
                                              "bad\n", summary),
                "description", "control characters");
  // An optional display name may be cleared.
  EXPECT_TRUE(CheckNameAndDescriptionUpdate("", Presence::kOptional,
                                            std::nullopt, summary)
                  .ok());
}

}  // namespace
}  // namespace keyward::domain
