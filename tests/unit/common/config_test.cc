#include "services/common/config.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward {
namespace {

using ::testing::HasSubstr;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pepper_file_ = std::filesystem::temp_directory_path() /
                   ("keyward-config-test-pepper-" +
                    std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::ofstream(pepper_file_) << std::string(32, 'p');
  }
  void TearDown() override { std::filesystem::remove(pepper_file_); }

  std::map<std::string, std::string> MinimalEnv() const {
    return {{"KEYWARD_DATABASE_URL", "postgresql://keyward@127.0.0.1:5432/k"},
            {"KEYWARD_PEPPER_FILE", pepper_file_.string()}};
  }

  std::filesystem::path pepper_file_;
};

TEST_F(ConfigTest, DefaultsApplyWhenOnlyRequiredSettingsAreGiven) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->command, "serve");
  EXPECT_EQ(config->listen, "127.0.0.1:50051");
  EXPECT_EQ(config->quota_keys_per_owner_per_resource, 10);
  EXPECT_EQ(config->quota_keys_per_owner, 100);
  EXPECT_EQ(config->active_window, std::chrono::minutes(15));
  EXPECT_EQ(config->pepper, std::string(32, 'p'));
}

TEST_F(ConfigTest, FlagsOverrideEnvironment) {
  auto env = MinimalEnv();
  env["KEYWARD_LISTEN"] = "127.0.0.1:1111";
  auto config = ParseConfig({"--listen", "127.0.0.1:2222",
                             "--quota-keys-per-owner=50", "--active-window=1h"},
                            env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen, "127.0.0.1:2222");
  EXPECT_EQ(config->quota_keys_per_owner, 50);
  EXPECT_EQ(config->active_window, std::chrono::hours(1));
}

TEST_F(ConfigTest, EveryBadValueIsReportedNamingItsSource) {
  auto env = MinimalEnv();
  env["KEYWARD_QUOTA_KEYS_PER_OWNER"] = "lots";
  auto config = ParseConfig(
      {"--listen", "nowhere", "--opa-url", "ftp://x", "--active-window", "5y"},
      env);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("KEYWARD_QUOTA_KEYS_PER_OWNER: must be a whole number"));
  EXPECT_THAT(message, HasSubstr("--listen: must be host:port"));
  EXPECT_THAT(message, HasSubstr("--opa-url: must be an http:// or https:// URL"));
  EXPECT_THAT(message, HasSubstr("--active-window: '5y' has an unknown unit"));
}

TEST_F(ConfigTest, DatabaseUrlIsRequired) {
  auto config = ParseConfig({}, {{"KEYWARD_PEPPER_FILE", pepper_file_.string()}});
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("KEYWARD_DATABASE_URL: required"));
}

TEST_F(ConfigTest, ServingNeedsAPepperButMigratingDoesNot) {
  std::map<std::string, std::string> env = {
      {"KEYWARD_DATABASE_URL", "postgresql://keyward@127.0.0.1:5432/k"}};
  auto serve = ParseConfig({"serve"}, env);
  ASSERT_FALSE(serve.ok());
  EXPECT_THAT(std::string(serve.status().message()),
              HasSubstr("KEYWARD_PEPPER_FILE: required to serve"));
  auto migrate = ParseConfig({"migrate"}, env);
  ASSERT_TRUE(migrate.ok()) << migrate.status();
  EXPECT_EQ(migrate->command, "migrate");
}

TEST_F(ConfigTest, ShortPepperFileIsRejected) {
  std::ofstream(pepper_file_) << "short";
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("KEYWARD_PEPPER_FILE: must hold at least 32 bytes"));
}

TEST_F(ConfigTest, PlaintextOnANonLoopbackAddressNeedsAllowInsecure) {
  auto refused = ParseConfig({"--listen", "0.0.0.0:50051"}, MinimalEnv());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("needs --allow-insecure"));
  auto allowed =
      ParseConfig({"--listen", "0.0.0.0:50051", "--allow-insecure"}, MinimalEnv());
  EXPECT_TRUE(allowed.ok()) << allowed.status();
}

TEST_F(ConfigTest, UnknownFlagsAndCommandsAreRejected) {
  auto flag = ParseConfig({"--colour", "blue"}, MinimalEnv());
  ASSERT_FALSE(flag.ok());
  EXPECT_THAT(std::string(flag.status().message()), HasSubstr("unknown flag: --colour"));
  auto command = ParseConfig({"dance"}, MinimalEnv());
  ASSERT_FALSE(command.ok());
  EXPECT_THAT(std::string(command.status().message()), HasSubstr("unknown command: dance"));
}

TEST_F(ConfigTest, PerResourceQuotaMayNotExceedPerOwnerQuota) {
  auto config = ParseConfig({"--quota-keys-per-owner-per-resource", "20",
                             "--quota-keys-per-owner", "10"},
                            MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("must not exceed --quota-keys-per-owner"));
}

TEST(ParseDurationTest, UnderstandsUnits) {
  EXPECT_EQ(*ParseDuration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(*ParseDuration("30"), std::chrono::seconds(30));
  EXPECT_EQ(*ParseDuration("30s"), std::chrono::seconds(30));
  EXPECT_EQ(*ParseDuration("15m"), std::chrono::minutes(15));
  EXPECT_EQ(*ParseDuration("2h"), std::chrono::hours(2));
  EXPECT_EQ(*ParseDuration("1d"), std::chrono::hours(24));
  EXPECT_FALSE(ParseDuration("").ok());
  EXPECT_FALSE(ParseDuration("m").ok());
  EXPECT_FALSE(ParseDuration("-5s").ok());
  EXPECT_FALSE(ParseDuration("99999999999999999s").ok());
}

TEST(IsLoopbackListenAddressTest, RecognizesLoopbackForms) {
  EXPECT_TRUE(IsLoopbackListenAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackListenAddress("localhost:1"));
  EXPECT_TRUE(IsLoopbackListenAddress("[::1]:50051"));
  EXPECT_FALSE(IsLoopbackListenAddress("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackListenAddress("[::]:50051"));
  EXPECT_FALSE(IsLoopbackListenAddress("10.1.2.3:50051"));
}

}  // namespace
}  // namespace keyward
