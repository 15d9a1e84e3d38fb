// keywardd's shutdown as a load balancer sees it: on SIGTERM health turns
// NOT_SERVING while calls are still served for the drain period; then no new
// calls are accepted and calls in flight get the grace period to finish.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "keyward/v1/environment.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

// Waits until health at `address` is anything but `status` (a failed call
// counts: UNKNOWN); false after `timeout`.
bool WaitForHealthOtherThan(const std::string& address, ServingStatus status,
                            std::chrono::seconds timeout) {
  return PollUntil([&] { return CheckHealth(address) != status; }, timeout);
}

// Waits until some session of `db` waits for a lock; false after 30 s.
bool WaitForALockWaiter(const TestDatabase& db) {
  return PollUntil(
      [&] {
        return db.QueryValue(
                   "SELECT count(*) FROM pg_stat_activity WHERE "
                   "datname = current_database() AND "
                   "wait_event_type = 'Lock'") != "0";
      },
      std::chrono::seconds(30));
}

TEST(ShutdownTest, DrainsWhileNotServingThenFinishesTheCallInFlight) {
  // No lock or statement timeout: only the test ends the update's wait.
  KeywardServer server({{"KEYWARD_DRAIN_PERIOD", "5s"},
                        {"KEYWARD_SHUTDOWN_GRACE", "60s"},
                        {"KEYWARD_DATABASE_LOCK_TIMEOUT", "0"},
                        {"KEYWARD_DATABASE_STATEMENT_TIMEOUT", "0"}});
  const std::string address = server.process().address();
  // A channel of the test's own, closed before keywardd must exit: an idle
  // C++ client does not answer the server's shutdown ping.
  auto environments = v1::EnvironmentService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  v1::CreateEnvironmentRequest create;
  create.set_display_name("Payments");
  create.set_stage("dev");
  v1::Environment environment;
  ASSERT_TRUE(environments
                  ->CreateEnvironment(KeywardServer::Context().get(), create,
                                      &environment)
                  .ok());

  // An update that waits for a row lock the test holds: in flight for as
  // long as the test wants.
  pqxx::connection holder(server.db().url());
  pqxx::work lock(holder);
  lock.exec("SELECT id FROM environments WHERE id = " +
            lock.quote(environment.id()) + " FOR UPDATE");
  std::unique_ptr<grpc::ClientContext> update_context =
      KeywardServer::Context();
  auto update = std::async(std::launch::async, [&] {
    v1::UpdateEnvironmentRequest request;
    request.set_id(environment.id());
    request.set_display_name("Payments EU");
    request.mutable_update_mask()->add_paths("display_name");
    v1::Environment updated;
    return environments->UpdateEnvironment(update_context.get(), request,
                                           &updated);
  });
  ASSERT_TRUE(WaitForALockWaiter(server.db()));

  server.process().Signal(SIGTERM);
  ASSERT_TRUE(WaitForHealth(address, HealthCheckResponse::NOT_SERVING,
                            std::chrono::seconds(10)))
      << server.process().log();
  // Draining: still serving calls.
  v1::ListEnvironmentsResponse listed;
  const grpc::Status list = environments->ListEnvironments(
      KeywardServer::Context().get(), v1::ListEnvironmentsRequest(), &listed);
  EXPECT_TRUE(list.ok()) << list.error_message();
  EXPECT_EQ(listed.environments_size(), 1);

  // The drain is over once health stops answering NOT_SERVING: no new
  // calls are taken. The update is still waiting for the lock.
  ASSERT_TRUE(WaitForHealthOtherThan(address, HealthCheckResponse::NOT_SERVING,
                                     std::chrono::seconds(30)));
  EXPECT_EQ(update.wait_for(std::chrono::seconds(0)),
            std::future_status::timeout);

  lock.abort();
  const grpc::Status updated = update.get();
  EXPECT_TRUE(updated.ok())
      << updated.error_code() << " " << updated.error_message();
  EXPECT_EQ(server.db().QueryValue("SELECT display_name FROM environments"),
            "Payments EU");
  environments.reset();
  EXPECT_EQ(server.process().WaitForExit(std::chrono::seconds(30)), 0)
      << server.process().log();
  EXPECT_THAT(server.process().log(),
              ::testing::HasSubstr("health NOT_SERVING, still serving for"));
}

TEST(ShutdownTest, ASecondSignalEndsTheDrainAtOnce) {
  KeywardServer server(
      std::map<std::string, std::string>{{"KEYWARD_DRAIN_PERIOD", "1h"}});
  const std::string address = server.process().address();
  server.process().Signal(SIGTERM);
  ASSERT_TRUE(WaitForHealth(address, HealthCheckResponse::NOT_SERVING,
                            std::chrono::seconds(10)));
  EXPECT_EQ(server.process().Stop(SIGINT), 0) << server.process().log();
  EXPECT_THAT(server.process().log(),
              ::testing::HasSubstr("again: ending the drain early"));
}

}  // namespace
}  // namespace keyward::testing
