// Stops the PostgreSQL that scripts/test started under a running keywardd and
// starts it again. Runs alone (RUN_SERIAL): nothing else may use the database
// meanwhile.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/strings/str_join.h"
#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/keyward_server.h"
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

// What the clients of the chaos test saw, shared between their threads.
class ChaosLedger {
 public:
  void Acknowledged(const std::string& key_id, bool after_restart) {
    std::lock_guard<std::mutex> lock(mutex_);
    acknowledged_.push_back(key_id);
    if (after_restart) ++acknowledged_after_restart_;
  }
  void Failed(const grpc::Status& status) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++failures_[status.error_code()];
    // In the contract an outage is UNAVAILABLE ("nothing was changed") and
    // a commit whose answer was lost is UNKNOWN; anything else is a bug.
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
        status.error_code() != grpc::StatusCode::UNKNOWN) {
      unexpected_.push_back(std::to_string(status.error_code()) + " " +
                            status.error_message());
    }
  }

  std::vector<std::string> acknowledged() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return acknowledged_;
  }
  int acknowledged_after_restart() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return acknowledged_after_restart_;
  }
  int failures(grpc::StatusCode code) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = failures_.find(code);
    return it == failures_.end() ? 0 : it->second;
  }
  std::vector<std::string> unexpected() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return unexpected_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> acknowledged_;
  int acknowledged_after_restart_ = 0;
  std::map<grpc::StatusCode, int> failures_;
  std::vector<std::string> unexpected_;
};

// PostgreSQL restarts under eight clients creating keys: the outage is
// UNAVAILABLE (an in-doubt commit UNKNOWN), never INTERNAL; keywardd serves
// again without a restart of its own; no acknowledged key is lost.
TEST(DatabaseOutageTest, ARestartUnderLoadLosesNoAcknowledgedCreate) {
  constexpr int kClients = 8;
  KeywardServer server(
      {{"KEYWARD_HEALTH_CHECK_INTERVAL", "100ms"},
       {"KEYWARD_QUOTA_KEYS_PER_OWNER", "100000"},
       {"KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE", "100000"}});
  auto accounts = v1::AccountService::NewStub(server.channel());
  auto keys = v1::ApiKeyService::NewStub(server.channel());
  std::vector<std::string> owners;
  for (int i = 0; i < kClients; ++i) {
    v1::CreateServiceAccountRequest request;
    request.set_display_name("chaos client " + std::to_string(i));
    request.set_description("creates keys while PostgreSQL restarts");
    v1::Account account;
    const grpc::Status status = accounts->CreateServiceAccount(
        KeywardServer::Context().get(), request, &account);
    ASSERT_TRUE(status.ok()) << status.error_message();
    owners.push_back(account.id());
  }

  ChaosLedger ledger;
  std::atomic<bool> restarted{false};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (const std::string& owner : owners) {
    clients.emplace_back([&, owner] {
      while (!stop) {
        v1::CreateApiKeyRequest request;
        request.set_owner_id(owner);
        request.set_resource_id("cloud");
        request.set_description("made during the chaos test");
        v1::CreateApiKeyResponse response;
        const bool after_restart = restarted;
        // A short deadline, so that the clients end soon after `stop`.
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(5));
        KeywardServer::Authorize(context);
        const grpc::Status status =
            keys->CreateApiKey(&context, request, &response);
        if (status.ok()) {
          ledger.Acknowledged(response.api_key().id(), after_restart);
        } else {
          ledger.Failed(status);
        }
        // Pacing, not waiting: leave the two cores some room for
        // PostgreSQL and keywardd.
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
  }
  const auto join_clients = [&] {
    stop = true;
    for (std::thread& client : clients) client.join();
    clients.clear();
  };
  // Joins the clients on any early exit from the test (a thread still
  // joinable at destruction would terminate the run before PostgreSQL is
  // started again).
  struct JoinOnExit {
    const std::function<void()>& join;
    ~JoinOnExit() { join(); }
  };
  const std::function<void()> join_all = join_clients;
  const JoinOnExit join_on_exit{join_all};

  {
    RestartPostgresOnExit restart;
    Eventually("the clients to create keys before the outage", [&] {
      return ledger.acknowledged().size() >= static_cast<size_t>(kClients);
    });
    const bool stopped = ControlTestPostgres("stop");
    if (stopped) {
      EXPECT_TRUE(WaitForHealth(server.process().address(),
                                HealthCheckResponse::NOT_SERVING,
                                std::chrono::seconds(20)));
      Eventually("the clients to run into the outage", [&] {
        return ledger.failures(grpc::StatusCode::UNAVAILABLE) >= kClients;
      });
    }
    const bool started = ControlTestPostgres("start");
    restarted = true;
    if (!stopped || !started) FAIL() << "could not restart PostgreSQL";
  }
  EXPECT_TRUE(WaitForHealth(server.process().address(),
                            HealthCheckResponse::SERVING,
                            std::chrono::seconds(20)))
      << server.process().log();
  // Serving again: let every client create a few more.
  Eventually("the clients to create keys after the restart", [&] {
    return ledger.acknowledged_after_restart() >= 4 * kClients;
  });
  join_clients();
  std::cerr << "chaos: " << ledger.acknowledged().size() << " acknowledged ("
            << ledger.acknowledged_after_restart() << " after the restart), "
            << ledger.failures(grpc::StatusCode::UNAVAILABLE)
            << " UNAVAILABLE, " << ledger.failures(grpc::StatusCode::UNKNOWN)
            << " UNKNOWN\n";

  EXPECT_THAT(ledger.unexpected(), ::testing::IsEmpty());
  EXPECT_EQ(ledger.failures(grpc::StatusCode::INTERNAL), 0);
  EXPECT_GT(ledger.failures(grpc::StatusCode::UNAVAILABLE), 0)
      << "the clients never saw the outage";
  EXPECT_GE(ledger.acknowledged_after_restart(), 4 * kClients)
      << server.process().log();
  const std::vector<std::string> acknowledged = ledger.acknowledged();
  ASSERT_FALSE(acknowledged.empty());
  EXPECT_EQ(
      server.db().QueryValue("SELECT count(*) FROM api_keys WHERE id = ANY('{" +
                             absl::StrJoin(acknowledged, ",") + "}'::text[])"),
      std::to_string(acknowledged.size()));
}

}  // namespace
}  // namespace keyward::testing
