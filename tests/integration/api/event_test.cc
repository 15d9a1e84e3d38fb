// EventService.WatchEvents over gRPC against keywardd, the real PostgreSQL
// and OPA: the stream's first message and resuming from it, concurrent
// writers' events delivered once each in commit order, resuming in the
// middle, the actions filter, what a caller who may not read the whole
// audit trail sees, a removed role, a revoked caller key, bad cursors. (A
// restart and a second replica: tests/e2e/events_test.cc.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/audit.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/support/event_watch.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

v1::WatchEventsRequest After(const std::string& cursor,
                             std::vector<std::string> actions = {}) {
  v1::WatchEventsRequest request;
  request.set_after(cursor);
  for (const std::string& action : actions) request.add_actions(action);
  return request;
}

class EventTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer(std::map<std::string, std::string>{
        {"KEYWARD_EVENT_POLL_INTERVAL", "50ms"}});
  }
  static void TearDownTestSuite() { delete server_; }

  TestDatabase& db() { return server_->db(); }
  std::shared_ptr<grpc::Channel> channel() { return server_->channel(); }

  // The ids of the audit events recorded after `after_id`, in commit
  // order, as the table has them.
  std::vector<std::string> AuditIdsAfter(const std::string& after_id) {
    std::vector<std::string> ids;
    for (const auto& row :
         db().Query("SELECT id FROM audit_events WHERE id > " + after_id +
                    " ORDER BY commit_xid, id")) {
      ids.push_back(row[0]);
    }
    return ids;
  }
  std::string LastAuditId() {
    return db().QueryValue("SELECT coalesce(max(id), 0) FROM audit_events");
  }

  std::string ServiceAccount() { return make_.ServiceAccount().Create().id(); }
  grpc::Status DeleteAccount(const std::string& id) {
    v1::DeleteAccountRequest request;
    request.set_id(id);
    v1::DeleteAccountResponse response;
    return accounts_->DeleteAccount(CallContext().get(), request, &response);
  }
  grpc::Status DeleteKey(const std::string& id) {
    v1::DeleteApiKeyRequest request;
    request.set_id(id);
    v1::DeleteApiKeyResponse response;
    return keys_->DeleteApiKey(CallContext().get(), request, &response);
  }
  // A service account without roles and the authorization of a Cloud key
  // of its.
  std::string Caller(std::string* account_id) {
    *account_id = ServiceAccount();
    return KeywardServer::BasicAuthorization(Credentials(
        make_.ApiKey(*account_id, "cloud").Described("watches").Create()));
  }
  // A call the default policy denies a caller without roles; audited with
  // the caller as its actor.
  void TryToCreateAnEnvironment(const std::string& authorization) {
    v1::CreateEnvironmentRequest request;
    request.set_display_name("not mine to make");
    request.set_stage("dev");
    v1::Environment environment;
    EXPECT_EQ(environments_
                  ->CreateEnvironment(CallContext(authorization).get(), request,
                                      &environment)
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }

  static KeywardServer* server_;
  Fixtures make_{server_->channel()};
  std::unique_ptr<v1::AccountService::Stub> accounts_ =
      v1::AccountService::NewStub(server_->channel());
  std::unique_ptr<v1::ApiKeyService::Stub> keys_ =
      v1::ApiKeyService::NewStub(server_->channel());
  std::unique_ptr<v1::EnvironmentService::Stub> environments_ =
      v1::EnvironmentService::NewStub(server_->channel());
  std::unique_ptr<v1::RoleBindingService::Stub> bindings_ =
      v1::RoleBindingService::NewStub(server_->channel());
  std::unique_ptr<v1::AuditService::Stub> audit_ =
      v1::AuditService::NewStub(server_->channel());
};

KeywardServer* EventTest::server_ = nullptr;

TEST_F(EventTest, TheFirstMessageIsOnlyACursorThatResumesWithoutAGap) {
  std::string start;
  {
    EventWatch watch(channel(), After(""));
    start = watch.StartCursor();
    ASSERT_FALSE(start.empty());
  }  // gone before any event came
  const std::string account = ServiceAccount();

  EventWatch resumed(channel(), After(start));
  EXPECT_FALSE(resumed.StartCursor().empty());
  ASSERT_TRUE(resumed.AwaitEvents(1));
  const v1::AuditEvent event = resumed.Events().front().event();
  EXPECT_EQ(event.action(), "service_account.create");
  EXPECT_EQ(event.target_id(), account);
  EXPECT_EQ(event.actor_id(), server_->admin_id());
  EXPECT_FALSE(resumed.Events().front().cursor().empty());
}

TEST_F(EventTest, ConcurrentWritersEventsComeOnceEachInCommitOrder) {
  const std::string before = LastAuditId();
  EventWatch watch(channel(), After(""));
  watch.StartCursor();
  const std::string owner = ServiceAccount();
  const std::string cluster = make_.ClusterIn("dev");
  constexpr int kWriters = 4, kRounds = 6;
  const std::vector<grpc::Status> statuses = InParallel(kWriters, [&](int) {
    for (int round = 0; round < kRounds; ++round) {
      const v1::CreateApiKeyResponse key =
          make_.ApiKey(owner, cluster).Create();
      const grpc::Status deleted = DeleteKey(key.api_key().id());
      if (!deleted.ok()) return deleted;
    }
    return grpc::Status::OK;
  });
  for (const grpc::Status& status : statuses) ASSERT_TRUE(status.ok());

  const std::vector<std::string> committed = AuditIdsAfter(before);
  // The account, the environment, the cluster, and each key's two events.
  ASSERT_GE(committed.size(), 2u * kWriters * kRounds);
  ASSERT_TRUE(watch.AwaitEvents(committed.size()));
  EXPECT_THAT(EventIds(watch.Events()), ElementsAreArray(committed));
}

TEST_F(EventTest, ResumingInTheMiddleGivesExactlyTheRest) {
  EventWatch first(channel(), After(""));
  first.StartCursor();
  std::vector<std::string> accounts;
  for (int i = 0; i < 5; ++i) accounts.push_back(ServiceAccount());
  ASSERT_TRUE(first.AwaitEvents(5));
  const std::vector<v1::WatchEventsResponse> seen = first.Events();

  EventWatch resumed(channel(), After(seen[1].cursor()));
  resumed.StartCursor();
  ASSERT_TRUE(resumed.AwaitEvents(3));
  const std::string marker = ServiceAccount();
  ASSERT_TRUE(resumed.AwaitEvents(4));
  std::vector<std::string> targets;
  for (const auto& message : resumed.Events()) {
    targets.push_back(message.event().target_id());
  }
  EXPECT_THAT(targets,
              ElementsAre(accounts[2], accounts[3], accounts[4], marker));
  const std::vector<std::string> seen_ids = EventIds(seen);
  const std::vector<std::string> resumed_ids = EventIds(resumed.Events());
  EXPECT_EQ(
      std::vector<std::string>(resumed_ids.begin(), resumed_ids.begin() + 3),
      std::vector<std::string>(seen_ids.begin() + 2, seen_ids.end()));
}

TEST_F(EventTest, ActionsFilterTheStream) {
  EventWatch deletes(channel(), After("", {"service_account.delete"}));
  deletes.StartCursor();
  const std::string first = ServiceAccount();
  const std::string second = ServiceAccount();
  ASSERT_TRUE(DeleteAccount(first).ok());
  ASSERT_TRUE(DeleteAccount(second).ok());
  ASSERT_TRUE(deletes.AwaitEvents(2));
  const std::vector<v1::WatchEventsResponse> events = deletes.Events();
  EXPECT_EQ(events[0].event().action(), "service_account.delete");
  EXPECT_EQ(events[0].event().target_id(), first);
  EXPECT_EQ(events[1].event().action(), "service_account.delete");
  EXPECT_EQ(events[1].event().target_id(), second);
}

TEST_F(EventTest, ACallerSeesOnlyTheEventsListAuditEventsShowsIt) {
  const std::string before = LastAuditId();
  std::string caller;
  const std::string authorization = Caller(&caller);
  EventWatch watch(channel(), After(""), authorization);
  watch.StartCursor();
  ServiceAccount();  // the admin's: not the caller's to see
  TryToCreateAnEnvironment(authorization);
  ServiceAccount();
  TryToCreateAnEnvironment(authorization);
  ASSERT_TRUE(watch.AwaitEvents(2));
  // The admin's second account came between them: had it leaked, it would
  // be the second event.
  const std::vector<v1::WatchEventsResponse> events = watch.Events();
  ASSERT_EQ(events.size(), 2u);
  for (const auto& message : events) {
    EXPECT_EQ(message.event().actor_id(), caller);
    EXPECT_EQ(message.event().action(), "environment.create");
    EXPECT_FALSE(message.event().allowed());
  }

  v1::ListAuditEventsRequest request;
  request.set_page_size(100);
  v1::ListAuditEventsResponse listed;
  ASSERT_TRUE(
      audit_
          ->ListAuditEvents(CallContext(authorization).get(), request, &listed)
          .ok());
  std::vector<std::string> listed_since;
  for (const v1::AuditEvent& event : listed.audit_events()) {
    if (std::stoll(event.id()) > std::stoll(before)) {
      listed_since.insert(listed_since.begin(), event.id());  // oldest first
    }
  }
  EXPECT_THAT(EventIds(events), ElementsAreArray(listed_since));
}

TEST_F(EventTest, ARemovedRoleStopsShowingEvents) {
  std::string caller;
  const std::string authorization = Caller(&caller);
  const v1::RoleBinding binding =
      make_.RoleBinding(caller, "AccountAdmin", "organization").Create();
  EventWatch watch(channel(), After(""), authorization);
  watch.StartCursor();
  const std::string seen = ServiceAccount();
  ASSERT_TRUE(watch.AwaitEvents(1));
  EXPECT_EQ(watch.Events()[0].event().target_id(), seen);

  v1::DeleteRoleBindingRequest request;
  request.set_id(binding.id());
  v1::DeleteRoleBindingResponse response;
  ASSERT_TRUE(
      bindings_->DeleteRoleBinding(CallContext().get(), request, &response)
          .ok());
  const std::string unseen = ServiceAccount();
  TryToCreateAnEnvironment(authorization);
  // The caller's own denied call comes; the account made after the role
  // was removed does not.
  ASSERT_TRUE(Eventually("the caller's own event", [&] {
    const auto events = watch.Events();
    return events.back().event().actor_id() == caller;
  }));
  for (const auto& message : watch.Events()) {
    EXPECT_NE(message.event().target_id(), unseen);
  }
}

TEST_F(EventTest, AStreamEndsWhenItsCallersKeyIsDeletedOrDisabled) {
  const std::string owner = ServiceAccount();
  const v1::CreateApiKeyResponse deleted =
      make_.ApiKey(owner, "cloud").Described("to be deleted").Create();
  const v1::CreateApiKeyResponse disabled =
      make_.ApiKey(owner, "cloud").Described("to be disabled").Create();
  EventWatch on_deleted(
      channel(), After(""),
      KeywardServer::BasicAuthorization(Credentials(deleted)));
  EventWatch on_disabled(
      channel(), After(""),
      KeywardServer::BasicAuthorization(Credentials(disabled)));
  on_deleted.StartCursor();
  on_disabled.StartCursor();

  ASSERT_TRUE(DeleteKey(deleted.api_key().id()).ok());
  v1::DisableApiKeyRequest disable;
  disable.set_id(disabled.api_key().id());
  v1::ApiKey key;
  ASSERT_TRUE(keys_->DisableApiKey(CallContext().get(), disable, &key).ok());

  EXPECT_EQ(on_deleted.AwaitEnd().error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(on_disabled.AwaitEnd().error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(EventTest, AStreamWithoutValidCredentialsIsRefused) {
  EventWatch watch(channel(), After(""), "Basic bm90OmFrZXk=");
  EXPECT_EQ(watch.AwaitEnd().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(watch.Messages().empty());
}

TEST_F(EventTest, AMalformedOrForgedCursorIsInvalidNamingAfter) {
  EventWatch valid(channel(), After(""));
  const std::string cursor = valid.StartCursor();
  // The same MAC on a payload naming another position.
  const size_t dot = cursor.find('.');
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(cursor.substr(0, dot), &payload));
  payload.back() = payload.back() == '1' ? '2' : '1';
  const std::string forged =
      absl::WebSafeBase64Escape(payload) + cursor.substr(dot);

  for (const std::string& bad :
       {std::string("garbage"), forged, cursor + "x", std::string(".")}) {
    EventWatch watch(channel(), After(bad));
    const grpc::Status status = watch.AwaitEnd();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("after")) << bad;
    EXPECT_TRUE(watch.Messages().empty());
  }
}

TEST_F(EventTest, AnUnknownActionIsInvalidNamingActions) {
  EventWatch watch(channel(), After("", {"api_key.create", "api_key.explode"}));
  const grpc::Status status = watch.AwaitEnd();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("actions"));
}

}  // namespace
}  // namespace keyward::testing
