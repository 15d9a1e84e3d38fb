// --metrics-listen / KEYWARD_METRICS_LISTEN and --allow-insecure-metrics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "services/common/config.h"

namespace keyward {
namespace {

using ::testing::HasSubstr;

class MetricsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pepper_file_ =
        std::filesystem::temp_directory_path() /
        ("keyward-metrics-config-test-pepper-" + std::to_string(getpid()));
    std::ofstream(pepper_file_) << std::string(32, 'p');
    chmod(pepper_file_.c_str(), 0600);
  }
  void TearDown() override { std::filesystem::remove(pepper_file_); }

  absl::StatusOr<Config> Parse(const std::vector<std::string>& args) const {
    return ParseConfig(
        args, {{"KEYWARD_DATABASE_URL", "postgresql://keyward@127.0.0.1/k"},
               {"KEYWARD_PEPPER_FILE", pepper_file_.string()}});
  }

  std::filesystem::path pepper_file_;
};

TEST_F(MetricsConfigTest, MetricsAreOnAtTheLoopbackPortByDefault) {
  auto config = Parse({});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->metrics.enabled());
  EXPECT_EQ(config->metrics.listen, "127.0.0.1:9464");
}

TEST_F(MetricsConfigTest, OffTurnsMetricsOff) {
  auto config = Parse({"--metrics-listen", "off"});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->metrics.enabled());
}

TEST_F(MetricsConfigTest, LoopbackAddressesAndPortZeroAreAccepted) {
  for (const std::string address : {"127.0.0.1:0", "127.0.0.2:9464"}) {
    auto config = Parse({"--metrics-listen", address});
    ASSERT_TRUE(config.ok()) << address << ": " << config.status();
    EXPECT_EQ(config->metrics.listen, address);
  }
}

TEST_F(MetricsConfigTest, MalformedAddressesAreRefusedNamingTheSetting) {
  for (const std::string address :
       {"9464", "localhost:9464", "127.0.0.1:65536", "127.0.0.1:", "::1:9464",
        "[127.0.0.1]:9464", "[::1]:9464", "127.1:9464", "::ffff:127.0.0.1:9464",
        "127.0.0.1:94x", "Off"}) {
    auto config = Parse({"--metrics-listen", address});
    ASSERT_FALSE(config.ok()) << address;
    EXPECT_THAT(
        config.status().message(),
        HasSubstr("--metrics-listen: must be off or an IPv4 address and port"))
        << address;
  }
}

TEST_F(MetricsConfigTest, ANonLoopbackAddressNeedsItsOwnAllowFlag) {
  auto refused = Parse({"--metrics-listen", "0.0.0.0:9464"});
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(),
              HasSubstr("needs --allow-insecure-metrics"));
  // The gRPC listener's allowance does not extend to metrics.
  EXPECT_FALSE(
      Parse({"--metrics-listen", "0.0.0.0:9464", "--allow-insecure"}).ok());

  auto allowed =
      Parse({"--metrics-listen", "0.0.0.0:9464", "--allow-insecure-metrics"});
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_EQ(allowed->metrics.listen, "0.0.0.0:9464");
}

}  // namespace
}  // namespace keyward
