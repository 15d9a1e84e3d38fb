#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/opa/opa_client.h"

namespace keyward::opa {
namespace {

using ::testing::HasSubstr;

TEST(ParseDecisionTest, ReadsAllowViolationsWarningsAndDecisionId) {
  auto decision = ParseDecision(R"({"decision_id": "d-7", "result": {
      "allow": false,
      "violations": [{"rule": "r1", "message": "m1"}],
      "warnings": [{"rule": "w1", "message": "n1"}]}})");
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_FALSE(decision->allow);
  ASSERT_EQ(decision->violations.size(), 1u);
  EXPECT_EQ(decision->violations[0].rule, "r1");
  EXPECT_EQ(decision->violations[0].message, "m1");
  ASSERT_EQ(decision->warnings.size(), 1u);
  EXPECT_EQ(decision->warnings[0].rule, "w1");
  EXPECT_EQ(decision->decision_id, "d-7");
}

TEST(ParseDecisionTest, ReadsTheDefaultsObject) {
  auto decision = ParseDecision(
      R"({"result": {"allow": true, "defaults": {"invitation_ttl_hours": 72}}})");
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_EQ(decision->defaults, nlohmann::json({{"invitation_ttl_hours", 72}}));
}

TEST(ParseDecisionTest, NoDefaultsMeansAnEmptyObject) {
  auto decision = ParseDecision(R"({"result": {"allow": true}})");
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_EQ(decision->defaults, nlohmann::json::object());
}

TEST(ParseDecisionTest, ADenialWithoutReasonsStillSaysItWasDenied) {
  auto decision = ParseDecision(R"({"result": {"allow": false}})");
  ASSERT_TRUE(decision.ok());
  ASSERT_EQ(decision->violations.size(), 1u);
  EXPECT_EQ(decision->violations[0].rule, "policy_denied");
}

TEST(ParseDecisionTest, AnythingButADecisionFailsClosedAsUnavailable) {
  for (const char* body :
       {"not json", "[]", "{}", R"({"result": {}})",
        R"({"result": {"allow": "yes"}})", R"({"result": true})",
        R"({"result": {"allow": true, "violations": "none"}})",
        R"({"result": {"allow": true, "warnings": [{"rule": 1}]}})",
        R"({"result": {"allow": true, "defaults": [72]}})"}) {
    auto decision = ParseDecision(body);
    ASSERT_FALSE(decision.ok()) << body;
    EXPECT_EQ(decision.status().code(), absl::StatusCode::kUnavailable) << body;
    EXPECT_THAT(std::string(decision.status().message()),
                HasSubstr("policy engine unavailable"));
  }
}

TEST(OpaClientTest, AnUnreachableOpaIsUnavailable) {
  OpaClient client("http://127.0.0.1:1");
  auto decision =
      client.Decide({{"action", "api_key.create"}},
                    std::chrono::system_clock::now() + std::chrono::seconds(2));
  ASSERT_FALSE(decision.ok());
  EXPECT_EQ(decision.status().code(), absl::StatusCode::kUnavailable);
}

TEST(OpaClientTest, APassedDeadlineIsUnavailableWithoutARequest) {
  OpaClient client("http://127.0.0.1:1");
  auto decision = client.Decide(
      {}, std::chrono::system_clock::now() - std::chrono::seconds(1));
  ASSERT_FALSE(decision.ok());
  EXPECT_THAT(std::string(decision.status().message()), HasSubstr("deadline"));
}

}  // namespace
}  // namespace keyward::opa
