#include "services/domain/policy_gate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/domain/fake_policy.h"

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;

class FixedClock : public Clock {
 public:
  Time Now() const override { return Time(std::chrono::seconds(1767225600)); }
};

class PolicyGateTest : public ::testing::Test {
 protected:
  PolicyGateTest() : policy_(clock_) {}

  static PolicyQuestion Question() {
    PolicyTarget target;
    target.owner = AccountFacts{};
    target.owner->account.id = "sa-owner123";
    return {"api_key.create",
            "ABCDEFGHIJKLMNOP",
            false,
            {{"owner_id", "sa-owner123"}},
            std::move(target)};
  }

  FixedClock clock_;
  testing::FakePolicy policy_;
};

TEST_F(PolicyGateTest, TheInputCarriesActionCallerRequestTargetAndTime) {
  Caller caller;
  caller.role_bindings.push_back({"AccountAdmin", "organization"});
  ASSERT_TRUE(policy_.gate.Authorize(caller, Question()).ok());
  ASSERT_EQ(policy_.client.inputs.size(), 1u);
  const nlohmann::json& input = policy_.client.inputs[0];
  EXPECT_EQ(input["action"], "api_key.create");
  EXPECT_EQ(input["caller"]["id"], "anonymous");
  EXPECT_EQ(input["caller"]["role_bindings"][0]["role"], "AccountAdmin");
  EXPECT_EQ(input["request"]["owner_id"], "sa-owner123");
  EXPECT_EQ(input["target"]["owner"]["id"], "sa-owner123");
  EXPECT_EQ(input["validate_only"], false);
  EXPECT_EQ(input["now"], "2026-01-01T00:00:00.000000Z");
}

TEST_F(PolicyGateTest, AnAllowedWriteGetsItsMutationAndTheDecision) {
  policy_.client.answer = PolicyDecision{true, {}, {{"w", "careful"}}, "d-9"};
  Decided<Mutation> mutation = policy_.gate.Authorize(Caller{}, Question());
  ASSERT_TRUE(mutation.ok());
  EXPECT_TRUE(mutation->audit.allowed);
  EXPECT_EQ(mutation->audit.decision_id, "d-9");
  EXPECT_THAT(mutation->audit.warnings_json, HasSubstr("careful"));
  EXPECT_EQ(mutation->now, clock_.Now());
  ASSERT_TRUE(mutation.decision().has_value());
  EXPECT_TRUE(mutation.decision()->allow);
  EXPECT_EQ(mutation.decision()->decision_id, "d-9");
  ASSERT_EQ(mutation.decision()->warnings.size(), 1u);
  EXPECT_EQ(mutation.decision()->warnings[0].message, "careful");
  EXPECT_TRUE(policy_.audit.appended.empty());  // commits with the change
}

TEST_F(PolicyGateTest, TheDecisionsDefaultsComeBackWithTheMutation) {
  PolicyDecision allowed{true, {}, {}, "d-2"};
  allowed.defaults = {{"invitation_ttl_hours", 24}};
  policy_.client.answer = allowed;
  auto mutation = policy_.gate.Authorize(Caller{}, Question());
  ASSERT_TRUE(mutation.ok());
  EXPECT_EQ(mutation->policy_defaults["invitation_ttl_hours"], 24);
}

TEST_F(PolicyGateTest,
       ADenialIsPermissionDeniedWithTheDecisionAndItsOwnAuditEvent) {
  policy_.client.answer = PolicyDecision{
      false, {{"r1", "first"}, {"r2", "second"}}, {{"w", "careful"}}, "d-1"};
  Decided<Mutation> mutation = policy_.gate.Authorize(Caller{}, Question());
  ASSERT_FALSE(mutation.ok());
  EXPECT_EQ(mutation.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(mutation.status().message()),
              HasSubstr("[r1] first\n[r2] second"));
  ASSERT_TRUE(mutation.decision().has_value());
  EXPECT_FALSE(mutation.decision()->allow);
  EXPECT_EQ(mutation.decision()->decision_id, "d-1");
  ASSERT_EQ(mutation.decision()->violations.size(), 2u);
  EXPECT_EQ(mutation.decision()->violations[1].rule, "r2");
  ASSERT_EQ(mutation.decision()->warnings.size(), 1u);
  ASSERT_EQ(policy_.audit.appended.size(), 1u);
  EXPECT_FALSE(policy_.audit.appended[0].allowed);
  EXPECT_THAT(policy_.audit.appended[0].violations_json, HasSubstr("r2"));
}

TEST_F(PolicyGateTest, ACreatesNewIdIsASubjectOnlyOnceExecuted) {
  using ::testing::ElementsAre;
  auto executed = policy_.gate.Authorize(Caller{}, Question());
  ASSERT_TRUE(executed.ok());
  EXPECT_THAT(executed->audit.subject_ids,
              ElementsAre("ABCDEFGHIJKLMNOP", "sa-owner123"));

  PolicyQuestion dry_run = Question();
  dry_run.validate_only = true;
  auto validated = policy_.gate.Authorize(Caller{}, dry_run);
  ASSERT_TRUE(validated.ok());
  EXPECT_THAT(validated->audit.subject_ids, ElementsAre("sa-owner123"));

  policy_.client.answer = PolicyDecision{false, {{"r1", "no"}}, {}, "d-3"};
  ASSERT_FALSE(policy_.gate.Authorize(Caller{}, Question()).ok());
  ASSERT_EQ(policy_.audit.appended.size(), 1u);
  EXPECT_THAT(policy_.audit.appended[0].subject_ids,
              ElementsAre("sa-owner123"));
}

TEST_F(PolicyGateTest, NoDecisionFailsClosedAndIsAudited) {
  policy_.client.answer =
      absl::UnavailableError("policy engine unavailable: x");
  auto mutation = policy_.gate.Authorize(Caller{}, Question());
  ASSERT_FALSE(mutation.ok());
  EXPECT_EQ(mutation.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(mutation.status().message()),
              HasSubstr("nothing was changed"));
  EXPECT_FALSE(mutation.decision().has_value());
  ASSERT_EQ(policy_.audit.appended.size(), 1u);
  EXPECT_THAT(policy_.audit.appended[0].violations_json,
              HasSubstr("policy_unavailable"));
}

TEST_F(PolicyGateTest, TheDecisionMustFitTheCallersDeadline) {
  Caller caller;
  caller.deadline =
      std::chrono::system_clock::now() + std::chrono::milliseconds(300);
  ASSERT_TRUE(policy_.gate.Authorize(caller, Question()).ok());
  EXPECT_EQ(policy_.client.deadlines[0], caller.deadline);
  // Without a call deadline, the configured ceiling (2s in FakePolicy) holds.
  ASSERT_TRUE(policy_.gate.Authorize(Caller{}, Question()).ok());
  EXPECT_LE(policy_.client.deadlines[1],
            std::chrono::system_clock::now() + std::chrono::seconds(2));
}

}  // namespace
}  // namespace keyward::domain
