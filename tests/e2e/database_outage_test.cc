// Stops the PostgreSQL that scripts/test started under a running keywardd and
// starts it again. Runs alone (RUN_SERIAL): nothing else may use the database
// meanwhile.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "keyward/v1/environment.grpc.pb.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

// Restarts PostgreSQL even when an assertion ends the test early.
class RestartPostgresOnExit {
 public:
  ~RestartPostgresOnExit() { ControlTestPostgres("start"); }
};

TEST(DatabaseOutageTest, HealthFollowsTheDatabaseWithoutARestart) {
  TestDatabase db;
  KeywarddProcess keywardd({{"KEYWARD_DATABASE_URL", db.url()},
                            {"KEYWARD_HEALTH_CHECK_INTERVAL", "100ms"}});
  ASSERT_TRUE(keywardd.Start()) << keywardd.log();
  ASSERT_TRUE(WaitForHealth(keywardd.address(), HealthCheckResponse::SERVING,
                            std::chrono::seconds(10)));

  RestartPostgresOnExit restart;
  ASSERT_TRUE(ControlTestPostgres("stop"));
  EXPECT_TRUE(WaitForHealth(keywardd.address(),
                            HealthCheckResponse::NOT_SERVING,
                            std::chrono::seconds(20)))
      << keywardd.log();

  // A call now is UNAVAILABLE, naming no host or port: those go to the log.
  auto environments = v1::EnvironmentService::NewStub(grpc::CreateChannel(
      keywardd.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  v1::ListEnvironmentsRequest request;
  v1::ListEnvironmentsResponse response;
  const grpc::Status status =
      environments->ListEnvironments(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("unavailable"));
  EXPECT_THAT(status.error_message(),
              ::testing::Not(::testing::HasSubstr("127.0.0.1")));
  EXPECT_THAT(keywardd.log(), ::testing::HasSubstr("database unavailable: "));

  ASSERT_TRUE(ControlTestPostgres("start"));
  EXPECT_TRUE(WaitForHealth(keywardd.address(), HealthCheckResponse::SERVING,
                            std::chrono::seconds(20)))
      << keywardd.log();
}

}  // namespace
}  // namespace keyward::testing
