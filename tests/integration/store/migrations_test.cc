#include "services/store/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "services/store/connection_pool.h"
#include "services/store/database.h"
#include "tests/support/test_database.h"

namespace keyward::store {
namespace {

using keyward::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> EmbeddedNames() {
  std::vector<std::string> names;
  for (const Migration& m : EmbeddedMigrations()) names.push_back(m.name);
  return names;
}

TEST(MigrationsTest, EmbeddedMigrationsAreNumberedAndOrdered) {
  const std::vector<std::string> names = EmbeddedNames();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "0001_initial_schema");
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(std::stoi(names[i].substr(0, 4)), static_cast<int>(i + 1))
        << names[i];
  }
}

TEST(MigrationsTest, AppliesAllToAnEmptyDatabaseThenNothingTheSecondTime) {
  TestDatabase db;
  Database database(db.url(), 2);

  auto first = database.Migrate();
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, EmbeddedNames());

  auto second = database.Migrate();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->empty());

  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM schema_migrations"),
            std::to_string(EmbeddedNames().size()));
  for (const char* table : {"environments", "accounts", "resources", "api_keys",
                            "role_bindings", "audit_events"}) {
    EXPECT_EQ(db.QueryValue(std::string("SELECT to_regclass('") + table +
                            "') IS NOT NULL"),
              "t")
        << table;
  }
}

TEST(MigrationsTest, ConcurrentRunnersApplyEachMigrationExactlyOnce) {
  TestDatabase db;
  constexpr int kRunners = 4;
  std::vector<std::vector<std::string>> applied(kRunners);
  std::vector<absl::Status> statuses(kRunners);
  std::vector<std::thread> runners;
  for (int i = 0; i < kRunners; ++i) {
    runners.emplace_back([&, i] {
      Database database(db.url(), 1);
      auto result = database.Migrate();
      statuses[i] = result.status();
      if (result.ok()) applied[i] = *result;
    });
  }
  for (auto& runner : runners) runner.join();

  std::multiset<std::string> all;
  for (int i = 0; i < kRunners; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i];
    all.insert(applied[i].begin(), applied[i].end());
  }
  const std::vector<std::string> names = EmbeddedNames();
  EXPECT_EQ(all, std::multiset<std::string>(names.begin(), names.end()));
}

TEST(MigrationsTest, AMigrationEditedAfterItWasAppliedIsRefused) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);
  ASSERT_TRUE(
      ApplyMigrations(pool, {{"0001_a", "CREATE TABLE a (x int)"}}).ok());

  auto edited = ApplyMigrations(pool, {{"0001_a", "CREATE TABLE a (y int)"}});
  ASSERT_FALSE(edited.ok());
  EXPECT_EQ(edited.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(edited.status().message()),
              HasSubstr("0001_a was edited after it was applied"));
}

TEST(MigrationsTest, AFailingMigrationIsRolledBackAndTheNextRunRetriesIt) {
  TestDatabase db;
  ConnectionPool pool(db.url(), 1);
  auto failed = ApplyMigrations(
      pool,
      {{"0001_ok", "CREATE TABLE ok (x int)"},
       {"0002_bad", "CREATE TABLE bad (x int); SELECT no_such_function()"}});
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.status().message()),
              HasSubstr("0002_bad failed"));
  EXPECT_EQ(db.QueryValue("SELECT to_regclass('bad') IS NULL"), "t");
  EXPECT_THAT(db.Query("SELECT name FROM schema_migrations"),
              ElementsAre(ElementsAre("0001_ok")));

  // The advisory lock was released, so a fixed migration applies at once.
  auto fixed =
      ApplyMigrations(pool, {{"0001_ok", "CREATE TABLE ok (x int)"},
                             {"0002_bad", "CREATE TABLE bad (x int)"}});
  ASSERT_TRUE(fixed.ok()) << fixed.status();
  EXPECT_THAT(*fixed, ElementsAre("0002_bad"));
}

}  // namespace
}  // namespace keyward::store
