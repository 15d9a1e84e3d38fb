// Stops the PostgreSQL that scripts/test started under a running keywardd and
// starts it again. Runs alone (RUN_SERIAL): nothing else may use the database
// meanwhile.
#include <gtest/gtest.h>

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
  EXPECT_TRUE(WaitForHealth(keywardd.address(), HealthCheckResponse::NOT_SERVING,
                            std::chrono::seconds(20)))
      << keywardd.log();

  ASSERT_TRUE(ControlTestPostgres("start"));
  EXPECT_TRUE(WaitForHealth(keywardd.address(), HealthCheckResponse::SERVING,
                            std::chrono::seconds(20)))
      << keywardd.log();
}

}  // namespace
}  // namespace keyward::testing
