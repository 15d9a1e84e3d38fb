#include "services/store/connection_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "services/common/call_deadline.h"
#include "tests/support/test_database.h"

namespace keyward::store {
namespace {

using keyward::testing::TestDatabase;
using ::testing::HasSubstr;
using ::testing::Not;

// The value of one setting on a connection of `pool`.
std::string Show(ConnectionPool& pool, const std::string& setting) {
  std::string value;
  const absl::Status status = pool.Run([&](pqxx::connection& c) {
    pqxx::nontransaction statement(c);
    value = statement.exec("SHOW " + setting)[0][0].as<std::string>();
  });
  EXPECT_TRUE(status.ok()) << status;
  return value;
}

absl::Status Sleep(ConnectionPool& pool, const std::string& seconds) {
  return pool.Run([&](pqxx::connection& c) {
    pqxx::nontransaction statement(c);
    statement.exec("SELECT pg_sleep(" + seconds + ")");
  });
}

std::string WithQueryParameter(const std::string& url,
                               const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

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

TEST(ConnectionPoolTest, EveryConnectionCarriesTheSessionLimits) {
  TestDatabase db;
  ConnectionPool pool(
      db.url(), 1,
      SessionLimits{std::chrono::milliseconds(1500),
                    std::chrono::milliseconds(700), std::chrono::seconds(9)});
  EXPECT_EQ(Show(pool, "statement_timeout"), "1500ms");
  EXPECT_EQ(Show(pool, "lock_timeout"), "700ms");
  EXPECT_EQ(Show(pool, "idle_in_transaction_session_timeout"), "9s");
}

TEST(ConnectionPoolTest, ALimitTheUrlSetsItselfWins) {
  TestDatabase db;
  ConnectionPool pool(
      WithQueryParameter(db.url(), "options=-c%20lock_timeout%3D3s"), 1,
      SessionLimits{std::chrono::milliseconds(1500),
                    std::chrono::milliseconds(700), std::chrono::seconds(9)});
  EXPECT_EQ(Show(pool, "lock_timeout"), "3s");
  EXPECT_EQ(Show(pool, "statement_timeout"), "1500ms");
}

TEST(ConnectionPoolTest, TheStatementTimeoutIsUnavailableNotInternal) {
  TestDatabase db;
  ConnectionPool pool(
      db.url(), 1,
      SessionLimits{std::chrono::milliseconds(200), std::chrono::seconds(2),
                    std::chrono::seconds(10)});
  const absl::Status status = Sleep(pool, "30");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("statement timeout"));
  EXPECT_EQ(pool.open_connections(), 1);
}

TEST(ConnectionPoolTest, ACallsDeadlineBoundsItsStatementsThenLetsGo) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);  // statement timeout 5s
  {
    const ScopedCallDeadline deadline(std::chrono::system_clock::now() +
                                      std::chrono::milliseconds(300));
    const absl::Status status = Sleep(pool, "30");
    EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  }
  // The connection is back in the pool with its own limit.
  EXPECT_EQ(Show(pool, "statement_timeout"), "5s");
  EXPECT_EQ(pool.open_connections(), 1);
}

TEST(ConnectionPoolTest, ACallPastItsDeadlineDoesNotReachTheDatabase) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);
  const ScopedCallDeadline deadline(std::chrono::system_clock::now() -
                                    std::chrono::seconds(1));
  bool ran = false;
  const absl::Status status = pool.Run([&](pqxx::connection&) { ran = true; });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_FALSE(ran);
}

TEST(ConnectionPoolTest, ACommitWhoseConnectionBrokeIsUnknownNotUnavailable) {
  TestDatabase db;
  db.Query("CREATE TABLE notes (text text)");
  ConnectionPool pool(db.url(), 1);
  const absl::Status status = pool.Run([&](pqxx::connection& c) {
    pqxx::work txn(c);
    txn.exec("INSERT INTO notes VALUES ('hello')");
    // The server goes away between the last statement and COMMIT.
    db.Query("SELECT pg_terminate_backend(" + std::to_string(c.backendpid()) +
             ", 10000)");
    txn.commit();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnknown) << status;
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("check whether the change was made before retrying"));
  // The pool dropped the broken connection and serves again.
  EXPECT_EQ(Show(pool, "statement_timeout"), "5s");
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
