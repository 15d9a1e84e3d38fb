// The revocation feed against a real PostgreSQL: what one transaction
// publishes reaches a listener id by id, however many ids there are.
#include "services/store/revocation_listener.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <set>

#include "services/store/revocations.h"
#include "tests/support/eventually.h"
#include "tests/support/test_database.h"

namespace keyward::store {
namespace {

using keyward::testing::Eventually;
using keyward::testing::TestDatabase;

// What a listener told its caches.
class Heard {
 public:
  RevocationListener::OnRevoked revoked() {
    return [this](const std::string& id) {
      std::lock_guard<std::mutex> lock(mutex_);
      ids_.insert(id);
    };
  }
  RevocationListener::OnReset reset() {
    return [this] {
      std::lock_guard<std::mutex> lock(mutex_);
      ++resets_;
    };
  }
  size_t ids() {
    std::lock_guard<std::mutex> lock(mutex_);
    return ids_.size();
  }
  int resets() {
    std::lock_guard<std::mutex> lock(mutex_);
    return resets_;
  }
  bool Has(const std::vector<std::string>& ids) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string& id : ids) {
      if (!ids_.count(id)) return false;
    }
    return true;
  }

 private:
  std::mutex mutex_;
  std::set<std::string> ids_;
  int resets_ = 0;
};

// Counts the heartbeats a listener sends itself, heard on a connection of
// the test's own that LISTENs on the listener's heartbeat channel.
class HeartbeatCounter : public pqxx::notification_receiver {
 public:
  HeartbeatCounter(pqxx::connection& connection, const std::string& pid)
      : pqxx::notification_receiver(connection, "keyward_heartbeat_" + pid) {}
  void operator()(const std::string& /*payload*/,
                  int /*backend_pid*/) override {
    ++heard_;
  }
  int heard() const { return heard_; }

 private:
  int heard_ = 0;
};

// A database, a listener on it and what the listener told its caches;
// Listen() returns once the listener has said "listening now" (its first
// reset).
class RevocationListenerTest : public ::testing::Test {
 protected:
  void Listen(std::chrono::milliseconds heartbeat_interval) {
    listener_ = std::make_unique<RevocationListener>(
        db_.url(), heartbeat_interval, heard_.revoked(), heard_.reset());
    listener_->Start();
    ASSERT_TRUE(Eventually("the listener to start listening",
                           [&] { return heard_.resets() == 1; }));
  }

  TestDatabase db_;
  Heard heard_;
  std::unique_ptr<RevocationListener> listener_;
};

std::vector<std::string> KeyIds(int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    ids.push_back(std::to_string(1000000000000000 + i));  // 16 characters
  }
  return ids;
}

TEST_F(RevocationListenerTest, ABigDeleteArrivesIdByIdWithoutAFlush) {
  ASSERT_NO_FATAL_FAILURE(Listen(std::chrono::seconds(2)));

  // Five times what one notification can carry (~400 key ids).
  const std::vector<std::string> ids = KeyIds(2000);
  pqxx::connection connection(db_.url());
  pqxx::work transaction(connection);
  PublishRevocations(transaction, ids);
  transaction.commit();

  EXPECT_TRUE(Eventually("every id to arrive",
                         [&] { return heard_.ids() == ids.size(); }));
  EXPECT_TRUE(heard_.Has(ids));
  EXPECT_EQ(heard_.resets(), 1);  // no flush
}

TEST_F(RevocationListenerTest, NothingIsPublishedUntilTheTransactionCommits) {
  ASSERT_NO_FATAL_FAILURE(Listen(std::chrono::seconds(2)));
  {
    pqxx::connection connection(db_.url());
    pqxx::work transaction(connection);
    PublishRevocations(transaction, KeyIds(1000));
    // Rolled back.
  }
  pqxx::connection connection(db_.url());
  pqxx::work transaction(connection);
  PublishRevocations(transaction, {"ZZZZZZZZZZZZZZZZ"});
  transaction.commit();
  ASSERT_TRUE(Eventually("the committed id to arrive",
                         [&] { return heard_.Has({"ZZZZZZZZZZZZZZZZ"}); }));
  EXPECT_EQ(heard_.ids(), 1u);
}

TEST_F(RevocationListenerTest, AnsweredHeartbeatsKeepTheFeed) {
  ASSERT_NO_FATAL_FAILURE(Listen(std::chrono::milliseconds(50)));
  const std::string listener_pid =
      "SELECT pid FROM pg_stat_activity WHERE application_name = "
      "'keywardd-revocations' AND datname = current_database()";
  const std::string first = db_.QueryValue(listener_pid);
  // Twenty heartbeats, each answered: no deadline missed, nothing flushed.
  pqxx::connection watcher(db_.url());
  HeartbeatCounter heartbeats(watcher, first);
  ASSERT_TRUE(Eventually("twenty heartbeats", [&] {
    watcher.get_notifs();
    return heartbeats.heard() >= 20;
  }));
  EXPECT_EQ(heard_.resets(), 1);
  EXPECT_EQ(db_.QueryValue(listener_pid), first);  // the same connection
}

TEST_F(RevocationListenerTest, ALostConnectionFlushesAndListensAgain) {
  ASSERT_NO_FATAL_FAILURE(Listen(std::chrono::seconds(2)));
  db_.Query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "application_name = 'keywardd-revocations' AND datname = "
      "current_database()");
  // Flushed on the loss and again once listening anew.
  ASSERT_TRUE(Eventually("a flush on the loss and one on listening anew",
                         [&] { return heard_.resets() >= 3; }));
  pqxx::connection connection(db_.url());
  pqxx::work transaction(connection);
  PublishRevocations(transaction, {"YYYYYYYYYYYYYYYY"});
  transaction.commit();
  EXPECT_TRUE(Eventually("an id published after the reconnect",
                         [&] { return heard_.Has({"YYYYYYYYYYYYYYYY"}); }));
}

}  // namespace
}  // namespace keyward::store
