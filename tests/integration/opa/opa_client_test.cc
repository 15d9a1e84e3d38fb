// OpaClient against a real OPA serving the default bundle.
#include "services/opa/opa_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <vector>

#include "tests/support/opa_process.h"

namespace keyward::opa {
namespace {

// An environment.create by an OrganizationAdmin: the default bundle allows it.
nlohmann::json AdminCreatesAnEnvironment() {
  return {{"action", "environment.create"},
          {"caller",
           {{"id", "u-00000001"},
            {"type", "USER"},
            {"role_bindings",
             {{{"role", "OrganizationAdmin"}, {"scope", "organization"}}}}}},
          {"request", {{"display_name", "Payments"}, {"stage", "dev"}}},
          {"target", nlohmann::json::object()},
          {"validate_only", false},
          {"now", "2026-12-02T00:00:00Z"}};
}

std::chrono::system_clock::time_point InSeconds(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

TEST(OpaClientIntegrationTest, AsksTheRunningBundle) {
  testing::OpaProcess opa;
  OpaClient client(opa.url(), opa.token());
  auto decision = client.Decide(AdminCreatesAnEnvironment(), InSeconds(10));
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_TRUE(decision->allow);
  EXPECT_TRUE(decision->violations.empty());
}

// The pool keeps connections across calls; after OPA restarts every one of
// them is closed on OPA's side, and the first decision must still succeed.
TEST(OpaClientIntegrationTest, DecidesAgainRightAfterOpaRestarts) {
  testing::OpaProcess opa;
  OpaClient client(opa.url(), opa.token());
  std::vector<std::future<bool>> calls;
  for (int i = 0; i < 8; ++i) {
    calls.push_back(std::async(std::launch::async, [&client] {
      return client.Decide(AdminCreatesAnEnvironment(), InSeconds(10)).ok();
    }));
  }
  for (auto& call : calls) ASSERT_TRUE(call.get());

  opa.Stop();
  auto while_stopped =
      client.Decide(AdminCreatesAnEnvironment(), InSeconds(10));
  EXPECT_EQ(while_stopped.status().code(), absl::StatusCode::kUnavailable);
  opa.Start();

  for (int i = 0; i < 8; ++i) {
    auto decision = client.Decide(AdminCreatesAnEnvironment(), InSeconds(10));
    ASSERT_TRUE(decision.ok()) << "call " << i << ": " << decision.status();
    EXPECT_TRUE(decision->allow);
  }
}

}  // namespace
}  // namespace keyward::opa
