// What the store tests that exercise the schema with plain SQL start from:
// a fresh test database with every migration applied. A test class derives
// from MigratedDatabaseTest and inserts its rows in its own SetUp, after
// ASSERT_NO_FATAL_FAILURE(MigratedDatabaseTest::SetUp()).
#ifndef KEYWARD_TESTS_INTEGRATION_STORE_MIGRATED_DATABASE_TEST_H_
#define KEYWARD_TESTS_INTEGRATION_STORE_MIGRATED_DATABASE_TEST_H_

#include <gtest/gtest.h>

#include "services/store/database.h"
#include "tests/support/test_database.h"

namespace keyward::store {

class MigratedDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Database database(db_.url(), 1);
    auto applied = database.Migrate();
    ASSERT_TRUE(applied.ok()) << applied.status();
  }

  keyward::testing::TestDatabase db_;
};

}  // namespace keyward::store

#endif  // KEYWARD_TESTS_INTEGRATION_STORE_MIGRATED_DATABASE_TEST_H_
