// A test fixture with a fresh temporary directory, `dir_`, removed with
// everything in it after each test.
#ifndef KEYWARD_TESTS_SUPPORT_TEMP_DIR_TEST_H_
#define KEYWARD_TESTS_SUPPORT_TEMP_DIR_TEST_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/test_environment.h"

namespace keyward::testing {

class TempDirTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove_all(dir_); }
  const std::string dir_ = MakeTempDir();
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_TEMP_DIR_TEST_H_
