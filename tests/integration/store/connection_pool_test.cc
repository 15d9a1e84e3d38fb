#include "services/store/connection_pool.h"

#include <atomic>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_database.h"

namespace keyward::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using keyward::testing::TestDatabase;

int BackendPid(ConnectionPool& pool, absl::Status* status) {
  int pid = 0;
  *status = pool.Run([&](pqxx::connection& c) {
    pqxx::nontransaction statement(c);
    pid = statement.exec("SELECT pg_backend_pid()")[0][0].as<int>();
  });
  return pid;
}

TEST(ConnectionPoolTest, ReusesAnIdleConnection) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 4);
  absl::Status status;
  const int first = BackendPid(pool, &status);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(BackendPid(pool, &status), first);
  EXPECT_EQ(pool.open_connections(), 1);
}

TEST(ConnectionPoolTest, ReplacesAConnectionTheServerDropped) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);
  absl::Status status;
  const int first = BackendPid(pool, &status);
  ASSERT_TRUE(status.ok()) << status;

  db.Query("SELECT pg_terminate_backend(" + std::to_string(first) + ")");

  // The call that meets the dead connection reports UNAVAILABLE; the pool
  // drops it, and the next call gets a fresh one.
  const int during = BackendPid(pool, &status);
  if (!status.ok()) {
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  } else {
    EXPECT_NE(during, first);
  }
  const int after = BackendPid(pool, &status);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_NE(after, first);
  EXPECT_EQ(pool.open_connections(), 1);
}

TEST(ConnectionPoolTest, UnreachableDatabaseIsUnavailableWithoutThePassword) {
  ConnectionPool pool("postgresql://keyward:hunter2secret@127.0.0.1:1/none", 1);
  const absl::Status status = pool.Run([](pqxx::connection&) {});
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("hunter2secret")));
  EXPECT_EQ(pool.open_connections(), 0);
}

TEST(ConnectionPoolTest, NeverOpensMoreThanItsSize) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 2);
  std::atomic<int> in_use{0};
  std::atomic<int> most_in_use{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      const absl::Status status = pool.Run([&](pqxx::connection& c) {
        const int now = ++in_use;
        int seen = most_in_use.load();
        while (now > seen && !most_in_use.compare_exchange_weak(seen, now)) {
        }
        pqxx::nontransaction statement(c);
        statement.exec("SELECT pg_sleep(0.02)");
        --in_use;
      });
      if (!status.ok()) ++failures;
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(most_in_use.load(), 2);
  EXPECT_LE(pool.open_connections(), 2);
}

TEST(ConnectionPoolTest, SqlErrorsKeepTheConnectionAndAreInternal) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);
  const absl::Status status = pool.Run([](pqxx::connection& c) {
    pqxx::nontransaction statement(c);
    statement.exec("SELECT * FROM no_such_table");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(status.message()), HasSubstr("42P01"));
  EXPECT_EQ(pool.open_connections(), 1);
}

TEST(ConnectionDefaultsTest, EveryConnectionGetsTcpKeepalives) {
  const std::string url =
      WithConnectionDefaults("postgresql://keyward@127.0.0.1:5432/k");
  EXPECT_THAT(url, HasSubstr("keepalives=1"));
  EXPECT_THAT(url, HasSubstr("keepalives_idle=30"));
  EXPECT_THAT(url, HasSubstr("keepalives_interval=10"));
  EXPECT_THAT(url, HasSubstr("keepalives_count=3"));
  // libpq accepts the result: a pool on it reaches the database.
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);
  absl::Status status;
  BackendPid(pool, &status);
  EXPECT_TRUE(status.ok()) << status;
}

TEST(ConnectionDefaultsTest, SettingsInTheUrlWin) {
  const std::string url = WithConnectionDefaults(
      "postgresql://keyward@127.0.0.1:5432/k?keepalives_idle=5&"
      "connect_timeout=10");
  EXPECT_THAT(url, HasSubstr("keepalives_idle=5"));
  EXPECT_THAT(url, Not(HasSubstr("keepalives_idle=30")));
  EXPECT_THAT(url, HasSubstr("connect_timeout=10"));
  EXPECT_THAT(url, Not(HasSubstr("connect_timeout=3")));
  EXPECT_THAT(url, HasSubstr("&keepalives_count=3"));
}

}  // namespace
}  // namespace keyward::store
