#include "services/domain/decided.h"

#include <gtest/gtest.h>

#include <string>

namespace keyward::domain {
namespace {

PolicyDecision Allowing() {
  return PolicyDecision{true, {}, {{"w", "!"}}, "d-1"};
}

TEST(DecidedTest, AnAllowedWriteKeepsItsDecisionThroughTheRestOfTheWrite) {
  Decided<std::string> written =
      Decided<int>(20, Allowing())
          .Then([](int n) -> absl::StatusOr<std::string> {
            return std::to_string(n + 1);
          });
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, "21");
  ASSERT_TRUE(written.decision().has_value());
  EXPECT_EQ(written.decision()->decision_id, "d-1");
}

TEST(DecidedTest, AFailureAfterTheDecisionStillCarriesIt) {
  Decided<std::string> written =
      Decided<int>(1, Allowing()).Then([](int) -> absl::StatusOr<std::string> {
        return absl::ResourceExhaustedError("quota");
      });
  EXPECT_EQ(written.status().code(), absl::StatusCode::kResourceExhausted);
  ASSERT_TRUE(written.decision().has_value());
  EXPECT_EQ(written.decision()->warnings[0].message, "!");
}

TEST(DecidedTest, ADenialSkipsTheRestAndKeepsTheDenyingDecision) {
  bool ran = false;
  PolicyDecision denying{false, {{"r", "no"}}, {}, "d-2"};
  Decided<std::string> written =
      Decided<int>(absl::PermissionDeniedError("denied"), denying)
          .Then([&](int) -> absl::StatusOr<std::string> {
            ran = true;
            return std::string("written");
          });
  EXPECT_FALSE(ran);
  EXPECT_EQ(written.status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(written.decision().has_value());
  EXPECT_FALSE(written.decision()->allow);
  EXPECT_EQ(written.decision()->violations[0].rule, "r");
}

TEST(DecidedTest, AFailureBeforeAnyDecisionHasNone) {
  bool ran = false;
  Decided<std::string> written =
      Decided<int>(absl::UnavailableError("no policy"))
          .Then([&](int) -> absl::StatusOr<std::string> {
            ran = true;
            return std::string("written");
          });
  EXPECT_FALSE(ran);
  EXPECT_EQ(written.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(written.decision().has_value());
}

}  // namespace
}  // namespace keyward::domain
