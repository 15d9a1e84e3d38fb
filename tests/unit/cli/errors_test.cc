// Status → message and exit code, including policy violations read from the
// status details the way keywardd sends them.
#include "cli/errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keyward/v1/policy.pb.h"

namespace keyward::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string DenialDetails() {
  v1::PolicyDecisionDetails decision;
  auto* violation = decision.add_violations();
  violation->set_rule("description_required");
  violation->set_message("a description is required");
  violation = decision.add_violations();
  violation->set_rule("no_user_keys_in_prod");
  violation->set_message("use a service account");
  auto* warning = decision.add_warnings();
  warning->set_rule("user_cloud_key");
  warning->set_message("prefer a service account");
  decision.set_decision_id("d-123");
  v1::RpcStatus status;
  status.set_code(grpc::StatusCode::PERMISSION_DENIED);
  status.set_message("[description_required] ...");
  status.add_details()->PackFrom(decision);
  return status.SerializeAsString();
}

TEST(ExitCodeForTest, UnavailableAndDeadlineAre3OtherErrors1) {
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::OK), 0);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::UNAVAILABLE), 3);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::DEADLINE_EXCEEDED), 3);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::NOT_FOUND), 1);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::PERMISSION_DENIED), 1);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::INVALID_ARGUMENT), 1);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::UNIMPLEMENTED), 1);
  EXPECT_EQ(ExitCodeFor(grpc::StatusCode::UNAUTHENTICATED), 1);
}

TEST(DescribeRpcErrorTest, APolicyDenialListsEachViolationWithItsRule) {
  const grpc::Status status(grpc::StatusCode::PERMISSION_DENIED,
                            "[description_required] a description is "
                            "required; [no_user_keys_in_prod] use a service "
                            "account",
                            DenialDetails());
  EXPECT_EQ(DescribeRpcError(status, "h:1"),
            "Error: permission denied by policy (decision d-123):\n"
            "  [description_required] a description is required\n"
            "  [no_user_keys_in_prod] use a service account\n"
            "  warning: [user_cloud_key] prefer a service account\n");
}

TEST(DescribeRpcErrorTest, ADenialWithoutDetailsShowsTheMessage) {
  const grpc::Status status(grpc::StatusCode::PERMISSION_DENIED,
                            "[authorization.role] no role");
  EXPECT_EQ(DescribeRpcError(status, "h:1"),
            "Error: permission denied: [authorization.role] no role\n");
  const grpc::Status garbage(grpc::StatusCode::PERMISSION_DENIED, "denied",
                             "\xff\xff not a status");
  EXPECT_EQ(DescribeRpcError(garbage, "h:1"),
            "Error: permission denied: denied\n");
}

TEST(DescribeRpcErrorTest, OtherErrorsShowTheServersMessage) {
  EXPECT_EQ(DescribeRpcError(grpc::Status(grpc::StatusCode::NOT_FOUND,
                                          "API key X not found"),
                             "h:1"),
            "Error: API key X not found\n");
  EXPECT_THAT(
      DescribeRpcError(grpc::Status(grpc::StatusCode::UNAVAILABLE, "refused"),
                       "h:1"),
      HasSubstr("Keyward at h:1 is unavailable: refused"));
  EXPECT_THAT(DescribeRpcError(
                  grpc::Status(grpc::StatusCode::UNIMPLEMENTED, ""), "h:1"),
              HasSubstr("does not implement this call yet: UNIMPLEMENTED"));
  EXPECT_THAT(
      DescribeRpcError(
          grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "bad key"), "h:1"),
      HasSubstr("keyward login"));
}

TEST(ParseStatusDetailsTest, IgnoresDetailsWithoutAPolicyDecision) {
  v1::RpcStatus status;
  status.set_code(7);
  status.add_details()->PackFrom(v1::PolicyViolation());
  PolicyDecision decision;
  EXPECT_FALSE(ParseStatusDetails(status.SerializeAsString(), &decision));
  EXPECT_FALSE(ParseStatusDetails("", &decision));
  EXPECT_TRUE(ParseStatusDetails(DenialDetails(), &decision));
  ASSERT_EQ(decision.violations.size(), 2u);
  EXPECT_EQ(decision.violations[0].rule, "description_required");
}

TEST(DescribeWarningsTest, OneLinePerWarning) {
  v1::PolicyDecisionDetails details;
  auto* warning = details.add_warnings();
  warning->set_rule("key_recently_used");
  warning->set_message("its clients will start failing");
  PolicyDecision decision;
  ASSERT_TRUE(ParseDecisionDetails(details.SerializeAsString(), &decision));
  EXPECT_EQ(DescribeWarnings(decision),
            "Warning: [key_recently_used] its clients will start failing\n");
  EXPECT_THAT(DescribeWarnings(PolicyDecision()), Not(HasSubstr("Warning")));
}

}  // namespace
}  // namespace keyward::cli
