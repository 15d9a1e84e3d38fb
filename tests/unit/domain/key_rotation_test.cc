// RotateApiKey's domain rules (key_rotation.h) and ApiKeyManager::Rotate
// over the fake repository and policy: what a successor inherits, how the
// grace period is chosen and bounded, and what is refused before anything
// is written.
#include "services/domain/key_rotation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/domain/api_key_manager.h"
#include "tests/unit/domain/fake_api_key_repository.h"
#include "tests/unit/domain/manager_test_support.h"

namespace keyward::domain {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::seconds;
using testing::At;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

ApiKey OldKey() {
  ApiKey key;
  key.id = "OLDKEY0000000001";
  key.owner_id = "sa-owner123";
  key.owner_type = AccountType::kServiceAccount;
  key.resource_id = "lkc-abcd1234";
  key.resource_kind = ResourceKind::kKafkaCluster;
  key.display_name = "orders producer";
  key.description = "writes orders";
  key.created_by = "u-creator1";
  key.create_time = At(1'000'000);
  key.update_time = At(1'000'000);
  key.state = ApiKeyState::kActive;
  return key;
}

TEST(KeyRotationTest, TheSuccessorKeepsOwnerResourceNamesAndLifetime) {
  ApiKey old = OldKey();
  old.expire_time = old.create_time + hours(24 * 90);
  const ApiKey successor = SuccessorOf(old, At(2'000'000), "u-rotator1");
  EXPECT_EQ(successor.owner_id, old.owner_id);
  EXPECT_EQ(successor.resource_id, old.resource_id);
  EXPECT_EQ(successor.resource_kind, old.resource_kind);
  EXPECT_EQ(successor.display_name, old.display_name);
  EXPECT_EQ(successor.description, old.description);
  EXPECT_EQ(successor.rotated_from, old.id);
  EXPECT_EQ(successor.created_by, "u-rotator1");
  EXPECT_EQ(successor.create_time, At(2'000'000));
  EXPECT_EQ(successor.expire_time, At(2'000'000) + hours(24 * 90));
}

TEST(KeyRotationTest, AKeyThatNeverExpiresRotatesIntoOneThatNeverExpires) {
  EXPECT_FALSE(SuccessorOf(OldKey(), At(2'000'000), "u").expire_time);
}

TEST(KeyRotationTest, TheOldKeyEndsAtTheEarlierOfItsExpiryAndTheGrace) {
  ApiKey old = OldKey();
  EXPECT_EQ(RetiringExpireTime(old, At(2'000'000), hours(1)),
            At(2'000'000) + hours(1));
  old.expire_time = At(2'000'100);
  EXPECT_EQ(RetiringExpireTime(old, At(2'000'000), hours(1)), At(2'000'100));
  EXPECT_EQ(RetiringExpireTime(old, At(2'000'000), seconds(10)), At(2'000'010));
}

TEST(KeyRotationTest, NoGraceEndsTheOldKeyJustAfterItsCreation) {
  // A key rotated in the microsecond it was created in still ends after
  // its create_time, as the schema requires.
  const ApiKey old = OldKey();
  EXPECT_EQ(RetiringExpireTime(old, old.create_time, microseconds(0)),
            old.create_time + microseconds(1));
  EXPECT_EQ(RetiringExpireTime(old, At(2'000'000), microseconds(0)),
            At(2'000'000));
}

TEST(KeyRotationTest, TheRequestsGraceWinsOverThePolicyDefault) {
  const nlohmann::json defaults = {{kRotationGraceSetting, 7200}};
  EXPECT_EQ(*EffectiveGrace(seconds(60), defaults), seconds(60));
  EXPECT_EQ(*EffectiveGrace(std::nullopt, defaults), seconds(7200));
  EXPECT_EQ(*EffectiveGrace(std::nullopt, nlohmann::json::object()), hours(24));
  EXPECT_EQ(*EffectiveGrace(std::nullopt, {{kRotationGraceSetting, 0.5}}),
            microseconds(500000));
}

TEST(KeyRotationTest, ABadPolicyDefaultRotatesNothing) {
  for (const nlohmann::json& bad :
       {nlohmann::json(-1), nlohmann::json("24h"), nlohmann::json(1e12)}) {
    const absl::StatusOr<microseconds> grace =
        EffectiveGrace(std::nullopt, {{kRotationGraceSetting, bad}});
    EXPECT_EQ(grace.status().code(), absl::StatusCode::kFailedPrecondition)
        << bad;
    EXPECT_THAT(grace.status().message(),
                HasSubstr("rotation_grace_hours in the policy data"));
  }
}

TEST(KeyRotationTest, GraceGoesToThePolicyAsSeconds) {
  EXPECT_EQ(GraceJson(std::nullopt), nullptr);
  EXPECT_EQ(GraceJson(hours(1)), 3600);
  EXPECT_EQ(GraceJson(microseconds(1'500'000)), 1.5);
}

TEST(KeyRotationTest, RefusalsSayWhatToDoInstead) {
  const absl::Status disabled =
      RefusalError(KeyNotRotatable{"K", ApiKeyState::kDisabled, ""});
  EXPECT_EQ(disabled.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(disabled.message(), HasSubstr("enable it before rotating"));
  const absl::Status expired =
      RefusalError(KeyNotRotatable{"K", ApiKeyState::kExpired, ""});
  EXPECT_EQ(expired.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(expired.message(), HasSubstr("create a new key"));
  const absl::Status rotated = RefusalError(
      KeyNotRotatable{"K", ApiKeyState::kActive, "SUCCESSOR0000001"});
  EXPECT_EQ(rotated.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(rotated.message(),
              HasSubstr("its successor is SUCCESSOR0000001"));
}

class RotateTest : public testing::ManagerTest {
 protected:
  RotateTest()
      : manager_(repository_, hasher_, clock_, policy_.gate, policy_.facts,
                 page_tokens_, KeyQuotas{3, 7}) {
    old_ = OldKey();
    old_.create_time = clock_.Now() - hours(1);
    repository_.Put(old_, hasher_.Hash("old secret"));
  }

  RotationRequest Request(std::optional<microseconds> grace = std::nullopt) {
    RotationRequest request;
    request.id = old_.id;
    request.grace_period = grace;
    return request;
  }

  ApiKey old_;
  testing::FakeApiKeyRepository repository_;
  ApiKeyManager manager_;
};

TEST_F(RotateTest, IssuesASuccessorWithANewSecretAndShortensTheOldKey) {
  const Decided<IssuedRotation> rotated =
      manager_.Rotate(caller_, Request(seconds(600)));
  ASSERT_TRUE(rotated.ok()) << rotated.status();
  EXPECT_THAT(rotated->key.id, MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_NE(rotated->key.id, old_.id);
  EXPECT_TRUE(crypto::IsWellFormedSecret(rotated->secret));
  EXPECT_EQ(rotated->key.rotated_from, old_.id);
  EXPECT_EQ(rotated->previous.expire_time, clock_.Now() + seconds(600));

  const auto rotates = repository_.rotates();
  ASSERT_EQ(rotates.size(), 1u);
  EXPECT_EQ(rotates[0].secret_hash, hasher_.Hash(rotated->secret));
  ASSERT_EQ(policy_.client.inputs.size(), 1u);
  const nlohmann::json& input = policy_.client.inputs[0];
  EXPECT_EQ(input["action"], "api_key.rotate");
  EXPECT_EQ(input["request"]["grace_period_seconds"], 600);
  EXPECT_EQ(input.dump().find(rotated->secret), std::string::npos);
}

TEST_F(RotateTest, UnsetGraceTakesThePolicysDefault) {
  policy_.client.answer->defaults = {{kRotationGraceSetting, 120}};
  const Decided<IssuedRotation> rotated = manager_.Rotate(caller_, Request());
  ASSERT_TRUE(rotated.ok()) << rotated.status();
  EXPECT_EQ(policy_.client.inputs[0]["request"]["grace_period_seconds"],
            nullptr);
  EXPECT_EQ(rotated->previous.expire_time, clock_.Now() + seconds(120));
}

TEST_F(RotateTest, ValidateOnlyIssuesNoSecretAndNoId) {
  RotationRequest request = Request(seconds(0));
  request.validate_only = true;
  const Decided<IssuedRotation> rotated = manager_.Rotate(caller_, request);
  ASSERT_TRUE(rotated.ok()) << rotated.status();
  EXPECT_EQ(rotated->key.id, "");
  EXPECT_EQ(rotated->secret, "");
  EXPECT_EQ(rotated->previous.expire_time, clock_.Now());
  EXPECT_EQ(repository_.Get(old_.id, ReadScope::Everything())->expire_time,
            std::nullopt);
}

TEST_F(RotateTest, NegativeGraceAndBadIdsAreInvalidBeforeAnythingElse) {
  const Decided<IssuedRotation> negative =
      manager_.Rotate(caller_, Request(microseconds(-1)));
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(negative.status().message(), HasSubstr("grace_period"));
  RotationRequest bad_id = Request();
  bad_id.id = "not-a-key";
  EXPECT_EQ(manager_.Rotate(caller_, bad_id).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(policy_.client.inputs.empty());
  EXPECT_TRUE(repository_.rotates().empty());
}

TEST_F(RotateTest, ADisabledOrExpiredKeyIsRefusedWithoutAskingThePolicy) {
  for (ApiKeyState state : {ApiKeyState::kDisabled, ApiKeyState::kExpired}) {
    ApiKey key = old_;
    key.state = state;
    repository_.Put(key, hasher_.Hash("old secret"));
    const Decided<IssuedRotation> rotated = manager_.Rotate(caller_, Request());
    EXPECT_EQ(rotated.status().code(), absl::StatusCode::kFailedPrecondition)
        << ApiKeyStateName(state);
  }
  EXPECT_TRUE(policy_.client.inputs.empty());
  EXPECT_TRUE(repository_.rotates().empty());
}

TEST_F(RotateTest, ADenialRotatesNothing) {
  policy_.client.Deny("rotation_grace_too_long");
  const Decided<IssuedRotation> rotated =
      manager_.Rotate(caller_, Request(hours(1000)));
  EXPECT_EQ(rotated.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(repository_.rotates().empty());
}

}  // namespace
}  // namespace keyward::domain
