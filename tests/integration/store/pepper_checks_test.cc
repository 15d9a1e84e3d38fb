#include "services/store/pepper_checks.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "services/store/database.h"
#include "tests/support/test_database.h"

namespace keyward::store {
namespace {

using keyward::testing::TestDatabase;

TEST(PepperChecksTest, TheFirstRecordStaysAndIsReadBack) {
  TestDatabase db;
  Database database(db.url(), 2);
  ASSERT_TRUE(database.Migrate().ok());
  const std::string a(32, 'a');
  const std::string b(32, 'b');

  auto first = RecordPepperCheck(database, 1, a);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, a);
  auto second = RecordPepperCheck(database, 1, b);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, a);
  auto other_id = RecordPepperCheck(database, 2, b);
  ASSERT_TRUE(other_id.ok()) << other_id.status();
  EXPECT_EQ(*other_id, b);
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM pepper_checks"), "2");
}

TEST(PepperChecksTest, ConcurrentFirstRecordsAllReadOneWinner) {
  TestDatabase db;
  Database database(db.url(), 8);
  ASSERT_TRUE(database.Migrate().ok());
  std::vector<std::string> read(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < read.size(); ++i) {
    threads.emplace_back([&, i] {
      auto recorded =
          RecordPepperCheck(database, 1, std::string(32, char('a' + i)));
      read[i] = recorded.ok() ? *recorded : "error";
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::string>(read.begin(), read.end()).size(), 1u);
  EXPECT_EQ(read[0].size(), 32u);
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM pepper_checks"), "1");
}

}  // namespace
}  // namespace keyward::store
