// The event stream across keywardd's lifetime, with the real keywardd
// processes, PostgreSQL and OPA: SIGTERM ends an open stream at once (it
// does not wait out the shutdown grace period), and a client resuming from
// its last cursor after a restart gets exactly the events another replica
// wrote meanwhile, as that replica streams them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/support/event_watch.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAreArray;

v1::WatchEventsRequest After(const std::string& cursor) {
  v1::WatchEventsRequest request;
  request.set_after(cursor);
  return request;
}

std::shared_ptr<grpc::Channel> Channel(const KeywarddProcess& process) {
  return grpc::CreateChannel(process.address(),
                             grpc::InsecureChannelCredentials());
}

std::vector<std::string> Targets(
    const std::vector<v1::WatchEventsResponse>& events) {
  std::vector<std::string> targets;
  for (const auto& message : events) {
    targets.push_back(message.event().target_id());
  }
  return targets;
}

TEST(EventStreamTest, AStreamResumesWithoutAGapAcrossARestart) {
  // A grace period far longer than Stop waits: an open stream that held up
  // the shutdown would fail the test.
  KeywardServer server(std::map<std::string, std::string>{
      {"KEYWARD_EVENT_POLL_INTERVAL", "50ms"},
      {"KEYWARD_SHUTDOWN_GRACE", "10m"}});
  std::string cursor;
  {
    Fixtures make(server.channel());
    EventWatch watch(server.channel(), After(""));
    watch.StartCursor();
    make.ServiceAccount().Create();
    ASSERT_TRUE(watch.AwaitEvents(1));
    cursor = watch.Events().back().cursor();

    EXPECT_EQ(server.process().Stop(SIGTERM), 0) << server.process().log();
    EXPECT_EQ(watch.AwaitEnd().error_code(), grpc::StatusCode::UNAVAILABLE);
  }

  // While it is down, another replica of the same database takes writes.
  KeywarddProcess replica(std::map<std::string, std::string>{
      {"KEYWARD_DATABASE_URL", server.db().url()},
      {"KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL")},
      {"KEYWARD_EVENT_POLL_INTERVAL", "50ms"}});
  ASSERT_TRUE(replica.Start()) << replica.log();
  Fixtures on_replica(Channel(replica));
  std::vector<std::string> written;
  for (int i = 0; i < 3; ++i) {
    written.push_back(on_replica.ServiceAccount().Create().id());
  }

  ASSERT_TRUE(server.process().Start()) << server.process().log();
  EventWatch resumed(Channel(server.process()), After(cursor));
  EventWatch from_replica(Channel(replica), After(cursor));
  ASSERT_TRUE(resumed.AwaitEvents(3));
  ASSERT_TRUE(from_replica.AwaitEvents(3));
  EXPECT_THAT(Targets(resumed.Events()), ElementsAreArray(written));
  // Both replicas stream the same events with the same cursors.
  std::vector<std::string> cursors, replica_cursors;
  for (const auto& message : resumed.Events()) {
    cursors.push_back(message.cursor());
  }
  for (const auto& message : from_replica.Events()) {
    replica_cursors.push_back(message.cursor());
  }
  EXPECT_EQ(EventIds(resumed.Events()), EventIds(from_replica.Events()));
  EXPECT_EQ(cursors, replica_cursors);
}

}  // namespace
}  // namespace keyward::testing
