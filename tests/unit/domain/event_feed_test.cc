// EventFeed's rules before and around the repository: cursors round-trip
// and are refused once altered or signed under another pepper, an empty
// `after` starts from the repository's now, actions are checked, and reads
// see what the caller's role bindings let them read.
#include "services/domain/event_feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;

class FakeEventRepository : public EventRepository {
 public:
  absl::StatusOr<EventPosition> Now() override { return now; }
  absl::StatusOr<EventBatch> ReadSettled(
      const EventPosition& after, const std::vector<std::string>& actions,
      int limit, const ReadScope& reader) override {
    read_after = after;
    read_actions = actions;
    read_limit = limit;
    read_by = reader;
    return EventBatch{{}, after};
  }

  EventPosition now{741, 0};
  EventPosition read_after;
  std::vector<std::string> read_actions;
  int read_limit = 0;
  ReadScope read_by;
};

class EventFeedTest : public ::testing::Test {
 protected:
  crypto::SecretHasher hasher_{std::string(32, 'p')};
  FakeEventRepository repository_;
  EventFeed feed_{repository_, hasher_};
};

void ExpectInvalid(const absl::Status& status, const std::string& field) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(field));
}

TEST_F(EventFeedTest, AnEmptyAfterStartsFromNow) {
  const absl::StatusOr<EventPosition> start = feed_.Start("", {});
  ASSERT_TRUE(start.ok()) << start.status();
  EXPECT_EQ(start->commit_xid, 741u);
  EXPECT_EQ(start->id, 0);
}

TEST_F(EventFeedTest, ACursorResumesWhereItWasGiven) {
  const std::string cursor = feed_.Cursor(EventPosition{9007199254740993, 42});
  const absl::StatusOr<EventPosition> start = feed_.Start(cursor, {});
  ASSERT_TRUE(start.ok()) << start.status();
  EXPECT_EQ(start->commit_xid, 9007199254740993u);
  EXPECT_EQ(start->id, 42);
}

TEST_F(EventFeedTest, AnAlteredOrForeignCursorIsInvalidNamingAfter) {
  const std::string cursor = feed_.Cursor(EventPosition{100, 7});
  const size_t dot = cursor.find('.');
  const std::string moved = absl::WebSafeBase64Escape("v1|100|8") +
                            cursor.substr(dot);  // the old MAC
  const crypto::SecretHasher other_pepper{std::string(32, 'q')};
  FakeEventRepository other_repository;
  const std::string foreign =
      EventFeed(other_repository, other_pepper).Cursor(EventPosition{100, 7});
  for (const std::string& bad :
       {moved, foreign, std::string("v1|100|7"), cursor.substr(0, dot),
        std::string(600, 'a')}) {
    ExpectInvalid(feed_.Start(bad, {}).status(), "after");
  }
}

TEST_F(EventFeedTest, UnknownActionsAreInvalidNamingActions) {
  ExpectInvalid(feed_.Start("", {"api_key.create", "key.create"}).status(),
                "actions");
  EXPECT_TRUE(feed_.Start("", {"api_key.create", "role_binding.delete"}).ok());
}

TEST_F(EventFeedTest, ReadsAsTheCallerInBatches) {
  Caller caller;
  caller.id = "sa-reader01";
  caller.type = "service_account";
  ASSERT_TRUE(feed_.Read(caller, EventPosition{5, 6}, {"api_key.delete"}).ok());
  EXPECT_EQ(repository_.read_after.commit_xid, 5u);
  EXPECT_EQ(repository_.read_after.id, 6);
  EXPECT_EQ(repository_.read_actions,
            std::vector<std::string>{"api_key.delete"});
  EXPECT_EQ(repository_.read_limit, EventFeed::kBatchSize);
  EXPECT_EQ(repository_.read_by.caller_id, "sa-reader01");
  EXPECT_FALSE(repository_.read_by.all_audit_events);
}

}  // namespace
}  // namespace keyward::domain
