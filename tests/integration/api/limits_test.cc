// keywardd's limits as a caller meets them: a row another session holds
// fails a write after the lock timeout with a clear status, a call's
// deadline cancels its SQL on the server, and an oversized request is
// refused before any handler runs.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "keyward/v1/environment.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;

// Holds a row lock on one environment, as a long transaction of another
// client would, until destroyed.
class RowLock {
 public:
  RowLock(const TestDatabase& db, const std::string& environment_id)
      : connection_(db.url()), txn_(connection_) {
    txn_.exec("SELECT id FROM environments WHERE id = " +
              txn_.quote(environment_id) + " FOR UPDATE");
  }

 private:
  pqxx::connection connection_;
  pqxx::work txn_;
};

// Sessions of `db` waiting for a lock now.
int LockWaiters(const TestDatabase& db) {
  return std::stoi(
      db.QueryValue("SELECT count(*) FROM pg_stat_activity WHERE "
                    "datname = current_database() AND "
                    "wait_event_type = 'Lock'"));
}

class LimitsTest : public ::testing::Test {
 protected:
  void Start(std::map<std::string, std::string> env) {
    server_ = std::make_unique<KeywardServer>(std::move(env));
    stub_ = v1::EnvironmentService::NewStub(server_->channel());
  }

  v1::Environment Create(const std::string& name) {
    return Fixtures(server_->channel()).Environment().Named(name).Create();
  }

  grpc::Status Rename(grpc::ClientContext& context, const std::string& id,
                      const std::string& name) {
    v1::UpdateEnvironmentRequest request;
    request.set_id(id);
    request.set_display_name(name);
    request.mutable_update_mask()->add_paths("display_name");
    v1::Environment updated;
    return stub_->UpdateEnvironment(&context, request, &updated);
  }

  std::unique_ptr<KeywardServer> server_;
  // CreateEnvironment with a display name of `length` characters.
  grpc::Status CreateEnvironmentNamed(size_t length) {
    v1::CreateEnvironmentRequest request;
    request.set_display_name(std::string(length, 'x'));
    request.set_stage("dev");
    v1::Environment environment;
    return stub_->CreateEnvironment(KeywardServer::Context().get(), request,
                                    &environment);
  }

  std::unique_ptr<v1::EnvironmentService::Stub> stub_;
};

TEST_F(LimitsTest, AWriteToALockedRowFailsAfterTheLockTimeoutChangingNothing) {
  // A statement timeout longer than the test: only the lock timeout can end
  // the wait.
  Start({{"KEYWARD_DATABASE_LOCK_TIMEOUT", "500ms"},
         {"KEYWARD_DATABASE_STATEMENT_TIMEOUT", "1h"}});
  const v1::Environment environment = Create("Payments");
  const RowLock lock(server_->db(), environment.id());

  auto context = KeywardServer::Context();  // a 30 s deadline
  const grpc::Status status = Rename(*context, environment.id(), "Renamed");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("lock timeout"));
  EXPECT_THAT(status.error_message(), HasSubstr("nothing was changed"));
  EXPECT_EQ(server_->db().QueryValue("SELECT display_name FROM environments"),
            "Payments");
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT count(*) FROM audit_events WHERE action = "
                "'environment.update'"),
            "0");
}

TEST_F(LimitsTest, ACallsDeadlineCancelsItsStatementOnTheServer) {
  // Neither keywardd's lock timeout nor its statement timeout would end
  // the wait: only the call's deadline can.
  Start({{"KEYWARD_DATABASE_LOCK_TIMEOUT", "1h"},
         {"KEYWARD_DATABASE_STATEMENT_TIMEOUT", "1h"}});
  const v1::Environment environment = Create("Payments");
  const RowLock lock(server_->db(), environment.id());

  grpc::ClientContext context;
  KeywardServer::Authorize(context);
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(1500));
  const grpc::Status status = Rename(context, environment.id(), "Renamed");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << status.error_message();

  // The server gave up on the row too, while the lock is still held.
  Eventually("the server to stop waiting for the row lock",
             [&] { return LockWaiters(server_->db()) == 0; });
  Eventually("the cancelled update to be logged", [&] {
    return server_->process().log().find(
               "UpdateEnvironment code=DEADLINE_EXCEEDED") != std::string::npos;
  });
}

TEST_F(LimitsTest, ARequestOverTheMaximumMessageSizeIsResourceExhausted) {
  Start({});
  const grpc::Status status = CreateEnvironmentNamed(1024 * 1024 + 1);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << status.error_message();
  EXPECT_EQ(server_->db().QueryValue("SELECT count(*) FROM environments"), "0");
}

TEST_F(LimitsTest, TheMaximumMessageSizeIsConfigurable) {
  Start(std::map<std::string, std::string>{
      {"KEYWARD_MAX_RECEIVE_MESSAGE_SIZE", "4KiB"}});
  const grpc::Status status = CreateEnvironmentNamed(5000);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << status.error_message();
}

}  // namespace
}  // namespace keyward::testing
