// EnvironmentManager without a database: input checks before anything else,
// what the policy is asked, that a denial or an invisible environment
// writes nothing, the keys-in-use check of a cascade, and page tokens bound
// to their reader.
#include "services/domain/environment_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/domain/manager_test_support.h"

namespace keyward::domain {
namespace {

using testing::FakeEnvironments;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class EnvironmentManagerTest : public testing::CascadingManagerTest {
 protected:
  EnvironmentManagerTest()
      : manager_(repository_, keys_in_use_, policy_.gate, policy_.facts,
                 page_tokens_) {
    caller_.type = "user";
  }

  FakeEnvironments repository_;
  EnvironmentManager manager_;
};

TEST_F(EnvironmentManagerTest, CreateAsksThePolicyAndStoresANewEnvironment) {
  const auto created = manager_.Create(caller_, "Payments", "prod", false);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_THAT(created->id, MatchesRegex("env-[a-z0-9]{8}"));
  EXPECT_EQ(created->display_name, "Payments");
  EXPECT_EQ(created->stage, "prod");
  EXPECT_EQ(repository_.stored.count(created->id), 1u);

  ASSERT_EQ(policy_.client.inputs.size(), 1u);
  const nlohmann::json& input = policy_.client.inputs[0];
  EXPECT_EQ(input["action"], "environment.create");
  EXPECT_EQ(input["caller"]["id"], "u-caller01");
  EXPECT_EQ(input["request"],
            nlohmann::json({{"display_name", "Payments"}, {"stage", "prod"}}));
  EXPECT_EQ(repository_.writes.last_mutation.audit.target_id, created->id);
}

TEST_F(EnvironmentManagerTest, ValidateOnlyReturnsNoIdAndStoresNothing) {
  const auto created = manager_.Create(caller_, "Payments", "prod", true);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "");
  EXPECT_EQ(created->stage, "prod");
  EXPECT_TRUE(repository_.writes.last_mutation.validate_only);
  EXPECT_THAT(repository_.stored, IsEmpty());
}

TEST_F(EnvironmentManagerTest, BadInputIsRefusedBeforeThePolicyIsAsked) {
  struct Case {
    std::string display_name, stage, field;
  };
  for (const Case& c :
       {Case{"", "prod", "display_name"}, Case{"Payments", "Prod", "stage"},
        Case{"Payments", "", "stage"},
        Case{"bad\nname", "dev", "display_name"}}) {
    const auto created =
        manager_.Create(caller_, c.display_name, c.stage, false);
    EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(created.status().message()),
                ::testing::StartsWith(c.field + ": "));
  }
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(EnvironmentManagerTest, ADenialWritesNothing) {
  policy_.client.Deny("no_prod");
  const auto created = manager_.Create(caller_, "Payments", "prod", false);
  EXPECT_EQ(created.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(created.status().message()), HasSubstr("no_prod"));
  EXPECT_EQ(repository_.writes.count, 0);
  // The denial itself is audited, by the gate.
  ASSERT_EQ(policy_.audit.appended.size(), 1u);
  EXPECT_FALSE(policy_.audit.appended[0].allowed);
}

TEST_F(EnvironmentManagerTest, UpdateSendsTheEnvironmentsFactsToThePolicy) {
  repository_.Add("env-abcdefgh", "dev");
  EnvironmentUpdate update;
  update.stage = "prod";
  const auto updated = manager_.Update(caller_, "env-abcdefgh", update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->stage, "prod");
  EXPECT_EQ(updated->display_name, "Team");  // unchanged

  const nlohmann::json& input = policy_.client.inputs.back();
  EXPECT_EQ(input["action"], "environment.update");
  EXPECT_EQ(input["request"],
            nlohmann::json({{"id", "env-abcdefgh"}, {"stage", "prod"}}));
  EXPECT_EQ(input["target"]["environment"]["id"], "env-abcdefgh");
}

TEST_F(EnvironmentManagerTest,
       UpdateOfAnEnvironmentTheCallerCannotSeeIsNotFound) {
  EnvironmentUpdate update;
  update.display_name = "Renamed";
  const auto updated = manager_.Update(caller_, "env-abcdefgh", update);
  EXPECT_EQ(updated.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(repository_.writes.last_reader.caller_id, "u-caller01");
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(EnvironmentManagerTest, UpdateChecksTheNewValues) {
  repository_.Add("env-abcdefgh");
  EnvironmentUpdate bad_stage;
  bad_stage.stage = "PROD";
  EXPECT_EQ(manager_.Update(caller_, "env-abcdefgh", bad_stage).status().code(),
            absl::StatusCode::kInvalidArgument);
  EnvironmentUpdate blank_name;
  blank_name.display_name = " ";
  EXPECT_EQ(
      manager_.Update(caller_, "env-abcdefgh", blank_name).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      manager_.Update(caller_, "lkc-abcdefgh", blank_name).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(EnvironmentManagerTest, ADeleteWithoutForceChecksNoKeys) {
  repository_.Add("env-abcdefgh");
  const auto deleted =
      manager_.Delete(caller_, "env-abcdefgh", false, false, false);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->id, "env-abcdefgh");
  EXPECT_FALSE(repository_.last_delete_forced);
  ASSERT_TRUE(repository_.writes.keys_in_use.has_value());
  EXPECT_EQ(repository_.writes.keys_in_use->used_since, std::nullopt);
  EXPECT_EQ(recorder_.flushes, 0);
  EXPECT_EQ(policy_.client.inputs.back()["request"],
            nlohmann::json({{"id", "env-abcdefgh"},
                            {"force", false},
                            {"ignore_active_keys", false}}));
}

TEST_F(EnvironmentManagerTest, AForcedDeleteFlushesAndLooksBackOneWindow) {
  repository_.Add("env-abcdefgh");
  ASSERT_TRUE(manager_.Delete(caller_, "env-abcdefgh", true, false, true).ok());
  EXPECT_TRUE(repository_.last_delete_forced);
  EXPECT_EQ(recorder_.flushes, 1);
  ASSERT_TRUE(repository_.writes.keys_in_use.has_value());
  EXPECT_EQ(repository_.writes.keys_in_use->used_since,
            clock_.Now() - kActiveWindow);
  EXPECT_EQ(repository_.writes.keys_in_use->override_field,
            "ignore_active_keys");
  EXPECT_TRUE(repository_.writes.last_mutation.validate_only);
}

TEST_F(EnvironmentManagerTest, IgnoringActiveKeysSkipsTheCheck) {
  repository_.Add("env-abcdefgh");
  ASSERT_TRUE(manager_.Delete(caller_, "env-abcdefgh", true, true, false).ok());
  EXPECT_EQ(repository_.writes.keys_in_use->used_since, std::nullopt);
  EXPECT_EQ(recorder_.flushes, 0);
}

TEST_F(EnvironmentManagerTest, AFailedFlushStopsTheDelete) {
  repository_.Add("env-abcdefgh");
  recorder_.flush_status = absl::UnavailableError("database down");
  EXPECT_EQ(manager_.Delete(caller_, "env-abcdefgh", true, false, false)
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(EnvironmentManagerTest, GetRefusesMalformedIdsAndReadsAsTheCaller) {
  EXPECT_EQ(manager_.Get(caller_, "env-ABCDEFGH").status().code(),
            absl::StatusCode::kInvalidArgument);
  repository_.Add("env-abcdefgh");
  ASSERT_TRUE(manager_.Get(caller_, "env-abcdefgh").ok());
  EXPECT_EQ(repository_.writes.last_reader.caller_id, "u-caller01");
}

TEST_F(EnvironmentManagerTest, ListPagesWithTokensOnlyTheirReaderMayUse) {
  for (const char* id : {"env-aaaaaaaa", "env-bbbbbbbb", "env-cccccccc"}) {
    repository_.Add(id);
  }
  const auto first = manager_.List(caller_, 2, "");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_FALSE(first->next_page_token.empty());

  const auto second = manager_.List(caller_, 2, first->next_page_token);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].id, "env-cccccccc");
  EXPECT_EQ(second->next_page_token, "");

  Caller other;
  other.id = "u-other001";
  EXPECT_EQ(manager_.List(other, 2, first->next_page_token).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(manager_.List(caller_, 101, "").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace keyward::domain
