#include "services/common/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_certificates.h"
#include "tests/support/test_environment.h"

namespace keyward {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pepper_file_ =
        std::filesystem::temp_directory_path() /
        // ctest runs tests as parallel processes: one file per process.
        ("keyward-config-test-pepper-" + std::to_string(getpid()));
    std::ofstream(pepper_file_) << std::string(32, 'p');
    chmod(pepper_file_.c_str(), 0600);
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
  EXPECT_EQ(config->server.listen, "127.0.0.1:50051");
  EXPECT_EQ(config->keys.quota_per_owner_per_resource, 10);
  EXPECT_EQ(config->keys.quota_per_owner, 100);
  EXPECT_EQ(config->keys.active_window, std::chrono::minutes(15));
  EXPECT_EQ(config->auth.pepper.contents, std::string(32, 'p'));
}

TEST_F(ConfigTest, FlagsOverrideEnvironment) {
  auto env = MinimalEnv();
  env["KEYWARD_LISTEN"] = "127.0.0.1:1111";
  auto config = ParseConfig({"--listen", "127.0.0.1:2222",
                             "--quota-keys-per-owner=50", "--active-window=1h"},
                            env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.listen, "127.0.0.1:2222");
  EXPECT_EQ(config->keys.quota_per_owner, 50);
  EXPECT_EQ(config->keys.active_window, std::chrono::hours(1));
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
  EXPECT_THAT(
      message,
      HasSubstr("KEYWARD_QUOTA_KEYS_PER_OWNER: must be a whole number"));
  EXPECT_THAT(message, HasSubstr("--listen: must be host:port"));
  EXPECT_THAT(message,
              HasSubstr("--opa-url: must be an http:// or https:// URL"));
  EXPECT_THAT(message, HasSubstr("--active-window: '5y' is not a duration"));
}

TEST_F(ConfigTest, DatabaseUrlIsRequired) {
  auto config =
      ParseConfig({}, {{"KEYWARD_PEPPER_FILE", pepper_file_.string()}});
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

TEST_F(ConfigTest, AComplianceEvaluationNeedsNoPepper) {
  auto compliance = ParseConfig(
      {"compliance"},
      {{"KEYWARD_DATABASE_URL", "postgresql://keyward@127.0.0.1:5432/k"}});
  ASSERT_TRUE(compliance.ok()) << compliance.status();
  EXPECT_EQ(compliance->command, "compliance");
  EXPECT_EQ(compliance->keys.compliance_interval, std::chrono::minutes(10));
}

TEST_F(ConfigTest, BootstrapNeedsAnEmailAndAPepper) {
  auto missing = ParseConfig({"bootstrap"}, MinimalEnv());
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("--email / KEYWARD_BOOTSTRAP_EMAIL: required"));
  auto given =
      ParseConfig({"bootstrap", "--email", "admin@example.com"}, MinimalEnv());
  ASSERT_TRUE(given.ok()) << given.status();
  EXPECT_EQ(given->command, "bootstrap");
  EXPECT_EQ(given->bootstrap.email, "admin@example.com");
}

TEST_F(ConfigTest, ShortPepperFileIsRejected) {
  std::ofstream(pepper_file_) << "short";
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("KEYWARD_PEPPER_FILE: must hold at least 32 bytes"));
}

TEST_F(ConfigTest, PepperFileReadableByOwnerOnlyIsAccepted) {
  for (const mode_t mode : {0600, 0400}) {
    ASSERT_EQ(chmod(pepper_file_.c_str(), mode), 0);
    auto config = ParseConfig({}, MinimalEnv());
    EXPECT_TRUE(config.ok()) << std::oct << mode << ": " << config.status();
  }
}

TEST_F(ConfigTest, PepperFileOpenToGroupOrOthersIsRefused) {
  for (const mode_t mode : {0640, 0644, 0604, 0620, 0602, 0660}) {
    ASSERT_EQ(chmod(pepper_file_.c_str(), mode), 0);
    auto config = ParseConfig({}, MinimalEnv());
    ASSERT_FALSE(config.ok()) << std::oct << mode;
    const std::string message(config.status().message());
    EXPECT_THAT(message, HasSubstr("KEYWARD_PEPPER_FILE: '" +
                                   pepper_file_.string() + "' is readable"));
    EXPECT_THAT(message, HasSubstr("chmod 600"));
  }
  ASSERT_EQ(chmod(pepper_file_.c_str(), 0644), 0);
  auto flag = ParseConfig({"--pepper-file", pepper_file_.string()},
                          {{"KEYWARD_DATABASE_URL", "postgresql://k@h/k"}});
  ASSERT_FALSE(flag.ok());
  EXPECT_THAT(std::string(flag.status().message()),
              HasSubstr("--pepper-file: '"));
  EXPECT_THAT(std::string(flag.status().message()), HasSubstr("mode 0644"));
}

TEST_F(ConfigTest, PepperIsUsedByteForByteTrailingNewlineIncluded) {
  // Stripping it would change the pepper of existing installations whose
  // file ends in one, and every key made under it would stop verifying.
  std::ofstream(pepper_file_) << std::string(32, 'p') << "\n";
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->auth.pepper.contents, std::string(32, 'p') + "\n");
}

TEST_F(ConfigTest, OpaTokenFileIsReadOnceWithoutItsTrailingNewline) {
  const std::filesystem::path token_file = pepper_file_.string() + ".opa";
  std::ofstream(token_file) << "t0ken-abc\n";
  auto env = MinimalEnv();
  env["KEYWARD_OPA_TOKEN_FILE"] = token_file.string();
  auto config = ParseConfig({}, env);
  std::filesystem::remove(token_file);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->opa.token.contents, "t0ken-abc");
  EXPECT_EQ(config->opa.token.path, token_file.string());
}

TEST_F(ConfigTest, NoOpaTokenFileMeansNoToken) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->opa.token.contents.empty());
}

TEST_F(ConfigTest, EmptyUnreadableOrMultiLineOpaTokenFileIsRejected) {
  const std::filesystem::path token_file = pepper_file_.string() + ".opa";
  auto env = MinimalEnv();
  env["KEYWARD_OPA_TOKEN_FILE"] = token_file.string();

  auto missing = ParseConfig({}, env);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("KEYWARD_OPA_TOKEN_FILE: cannot read the file"));

  std::ofstream(token_file) << "\n";
  auto empty = ParseConfig({"--opa-token-file", token_file.string()}, env);
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(std::string(empty.status().message()),
              HasSubstr("--opa-token-file: the file is empty"));

  std::ofstream(token_file) << "first\nsecond-line-secret\n";
  auto two_lines = ParseConfig({}, env);
  std::filesystem::remove(token_file);
  ASSERT_FALSE(two_lines.ok());
  const std::string message(two_lines.status().message());
  EXPECT_THAT(message, HasSubstr("KEYWARD_OPA_TOKEN_FILE: must hold one line"));
  EXPECT_THAT(message, Not(HasSubstr("second-line-secret")));
}

TEST_F(ConfigTest, PlaintextOnANonLoopbackAddressNeedsAllowInsecure) {
  auto refused = ParseConfig({"--listen", "0.0.0.0:50051"}, MinimalEnv());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("needs --allow-insecure"));
  auto allowed = ParseConfig({"--listen", "0.0.0.0:50051", "--allow-insecure"},
                             MinimalEnv());
  EXPECT_TRUE(allowed.ok()) << allowed.status();
}

TEST_F(ConfigTest, UnknownFlagsAndCommandsAreRejected) {
  auto flag = ParseConfig({"--colour", "blue"}, MinimalEnv());
  ASSERT_FALSE(flag.ok());
  EXPECT_THAT(std::string(flag.status().message()),
              HasSubstr("unknown flag: --colour"));
  auto command = ParseConfig({"dance"}, MinimalEnv());
  ASSERT_FALSE(command.ok());
  EXPECT_THAT(std::string(command.status().message()),
              HasSubstr("unknown command: dance"));
}

TEST_F(ConfigTest, PerResourceQuotaMayNotExceedPerOwnerQuota) {
  auto config = ParseConfig({"--quota-keys-per-owner-per-resource", "20",
                             "--quota-keys-per-owner", "10"},
                            MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("must not exceed --quota-keys-per-owner"));
}

TEST_F(ConfigTest, RevocationSafetyNetsDefaultToAMinuteAndTwoSeconds) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->auth.verification_cache_max_age, std::chrono::seconds(60));
  EXPECT_EQ(config->auth.revocation_heartbeat_interval,
            std::chrono::seconds(2));
}

TEST_F(ConfigTest, RevocationSafetyNetsAreSetByFlagOrVariable) {
  auto env = MinimalEnv();
  env["KEYWARD_VERIFICATION_CACHE_MAX_AGE"] = "5m";
  env["KEYWARD_REVOCATION_HEARTBEAT_INTERVAL"] = "10s";
  auto config = ParseConfig({"--revocation-heartbeat-interval", "100ms"}, env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->auth.verification_cache_max_age, std::chrono::minutes(5));
  EXPECT_EQ(config->auth.revocation_heartbeat_interval,
            std::chrono::milliseconds(100));
}

TEST_F(ConfigTest, BadRevocationSafetyNetsAreRejectedNamingThem) {
  auto env = MinimalEnv();
  env["KEYWARD_VERIFICATION_CACHE_MAX_AGE"] = "a while";
  auto config = ParseConfig({"--revocation-heartbeat-interval", "1ms"}, env);
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("KEYWARD_VERIFICATION_CACHE_MAX_AGE: "));
  EXPECT_THAT(message,
              HasSubstr("--revocation-heartbeat-interval: must be at least "
                        "50ms"));
}

TEST_F(ConfigTest, NoProxyIsTrustedByDefault) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->auth.trusted_proxies.empty());
}

TEST_F(ConfigTest, TrustedProxiesAreAListOfIpAddresses) {
  auto env = MinimalEnv();
  env["KEYWARD_TRUSTED_PROXIES"] = "10.0.0.7, ::1,[2001:DB8::1]";
  auto config = ParseConfig({}, env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->auth.trusted_proxies,
            (std::vector<std::string>{"10.0.0.7", "::1", "2001:db8::1"}));
  auto flag = ParseConfig({"--trusted-proxies", "127.0.0.1"}, env);
  ASSERT_TRUE(flag.ok()) << flag.status();
  EXPECT_EQ(flag->auth.trusted_proxies, std::vector<std::string>{"127.0.0.1"});
  auto none = ParseConfig({"--trusted-proxies="}, env);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->auth.trusted_proxies.empty());
}

TEST_F(ConfigTest, ShutdownDrainsFiveSecondsThenGivesTenByDefault) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.drain_period, std::chrono::seconds(5));
  EXPECT_EQ(config->server.shutdown_grace, std::chrono::seconds(10));
}

TEST_F(ConfigTest, DrainPeriodMayBeZeroButMustBeADuration) {
  auto env = MinimalEnv();
  env["KEYWARD_DRAIN_PERIOD"] = "0";
  auto none = ParseConfig({}, env);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(none->server.drain_period, std::chrono::milliseconds(0));
  auto flag = ParseConfig({"--drain-period=1500ms"}, env);
  ASSERT_TRUE(flag.ok()) << flag.status();
  EXPECT_EQ(flag->server.drain_period, std::chrono::milliseconds(1500));

  env["KEYWARD_DRAIN_PERIOD"] = "soon";
  auto bad = ParseConfig({}, env);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr("KEYWARD_DRAIN_PERIOD: 'soon' is not a duration"));
}

TEST_F(ConfigTest, DatabaseAndServerLimitsHaveSaneDefaults) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store.statement_timeout, std::chrono::seconds(5));
  EXPECT_EQ(config->store.lock_timeout, std::chrono::seconds(2));
  EXPECT_EQ(config->store.idle_in_transaction_timeout,
            std::chrono::seconds(10));
  EXPECT_EQ(config->server.max_threads, 64);
  EXPECT_EQ(config->server.max_receive_message_bytes, 1024 * 1024);
}

TEST_F(ConfigTest, DatabaseTimeoutsAreDurationsAndZeroTurnsThemOff) {
  auto env = MinimalEnv();
  env["KEYWARD_DATABASE_STATEMENT_TIMEOUT"] = "30s";
  env["KEYWARD_DATABASE_LOCK_TIMEOUT"] = "0";
  auto config = ParseConfig({"--database-idle-in-transaction-timeout=1m"}, env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store.statement_timeout, std::chrono::seconds(30));
  EXPECT_EQ(config->store.lock_timeout, std::chrono::milliseconds(0));
  EXPECT_EQ(config->store.idle_in_transaction_timeout, std::chrono::minutes(1));

  env["KEYWARD_DATABASE_LOCK_TIMEOUT"] = "briefly";
  env["KEYWARD_DATABASE_STATEMENT_TIMEOUT"] = "30d";
  auto bad = ParseConfig({}, env);
  ASSERT_FALSE(bad.ok());
  const std::string message(bad.status().message());
  EXPECT_THAT(message, HasSubstr("KEYWARD_DATABASE_LOCK_TIMEOUT: 'briefly' "
                                 "is not a duration"));
  EXPECT_THAT(message,
              HasSubstr("KEYWARD_DATABASE_STATEMENT_TIMEOUT: must be at most "
                        "24d"));
}

TEST_F(ConfigTest, MaxReceiveMessageSizeTakesBytesKibOrMib) {
  auto env = MinimalEnv();
  for (const auto& [text, bytes] : std::vector<std::pair<std::string, int>>{
           {"65536", 65536}, {"512KiB", 512 * 1024}, {"4MiB", 4 << 20}}) {
    env["KEYWARD_MAX_RECEIVE_MESSAGE_SIZE"] = text;
    auto config = ParseConfig({}, env);
    ASSERT_TRUE(config.ok()) << text << ": " << config.status();
    EXPECT_EQ(config->server.max_receive_message_bytes, bytes) << text;
  }
  for (const char* text : {"1MB", "big", "100", "65MiB", ""}) {
    env["KEYWARD_MAX_RECEIVE_MESSAGE_SIZE"] = text;
    auto config = ParseConfig({}, env);
    ASSERT_FALSE(config.ok()) << text;
    EXPECT_THAT(std::string(config.status().message()),
                HasSubstr("KEYWARD_MAX_RECEIVE_MESSAGE_SIZE: must be a size "
                          "from 4KiB to 64MiB"))
        << text;
  }
}

TEST_F(ConfigTest, MaxThreadsIsAWholeNumberOfAtLeastFour) {
  auto config = ParseConfig({"--max-threads", "16"}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.max_threads, 16);
  auto bad = ParseConfig({"--max-threads", "2"}, MinimalEnv());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr("--max-threads: must be a whole number from 4 to"));
}

TEST_F(ConfigTest, AMalformedTrustedProxyIsRejectedNamingIt) {
  for (const char* value : {"10.0.0.7,gateway.internal", "10.0.0.0/8",
                            "10.0.0.7:8080", "10.0.0.7,,10.0.0.8"}) {
    auto env = MinimalEnv();
    env["KEYWARD_TRUSTED_PROXIES"] = value;
    auto config = ParseConfig({}, env);
    ASSERT_FALSE(config.ok()) << value;
    EXPECT_THAT(std::string(config.status().message()),
                HasSubstr("KEYWARD_TRUSTED_PROXIES: '"))
        << value;
    EXPECT_THAT(std::string(config.status().message()),
                HasSubstr("is not an IP address"))
        << value;
  }
  auto config =
      ParseConfig({"--trusted-proxies", "10.0.0.7,proxy"}, MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("--trusted-proxies: 'proxy' is not an IP address"));
}

// TLS settings, with a CA and certificates made for each test.
class ConfigTlsTest : public ConfigTest {
 protected:
  ConfigTlsTest()
      : dir_(testing::MakeTempDir()),
        ca_("config test CA"),
        server_(ca_.IssueServerCertificate({"localhost"}, {"127.0.0.1"})),
        other_(ca_.IssueClientCertificate("someone else")) {
    testing::WriteTextFile(File("server.pem"), server_.certificate_pem);
    testing::WriteTextFile(File("server.key"), server_.private_key_pem);
    testing::WriteTextFile(File("ca.pem"), ca_.certificate_pem());
    testing::WriteTextFile(File("other.key"), other_.private_key_pem);
    testing::WriteTextFile(File("junk.txt"), "not PEM at all\n");
  }
  ~ConfigTlsTest() override { std::filesystem::remove_all(dir_); }

  std::string File(const std::string& name) const { return dir_ + "/" + name; }

  std::map<std::string, std::string> TlsEnv() const {
    auto env = MinimalEnv();
    env["KEYWARD_TLS_CERT_FILE"] = File("server.pem");
    env["KEYWARD_TLS_KEY_FILE"] = File("server.key");
    return env;
  }

  std::string dir_;
  testing::TestCertificateAuthority ca_;
  testing::CertifiedKey server_;
  testing::CertifiedKey other_;
};

TEST_F(ConfigTlsTest, TlsIsOffByDefault) {
  auto config = ParseConfig({}, MinimalEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->tls.certificate.contents.empty());
  EXPECT_TRUE(config->tls.private_key.contents.empty());
  EXPECT_TRUE(config->tls.client_ca.contents.empty());
}

TEST_F(ConfigTlsTest, ReadsTheFilesOnceAtParseTime) {
  auto config = ParseConfig({"--tls-client-ca-file", File("ca.pem")}, TlsEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->tls.certificate.path, File("server.pem"));
  EXPECT_EQ(config->tls.certificate.contents, server_.certificate_pem);
  EXPECT_EQ(config->tls.private_key.path, File("server.key"));
  EXPECT_EQ(config->tls.private_key.contents, server_.private_key_pem);
  EXPECT_EQ(config->tls.client_ca.path, File("ca.pem"));
  EXPECT_EQ(config->tls.client_ca.contents, ca_.certificate_pem());
}

TEST_F(ConfigTlsTest, TlsMakesANonLoopbackAddressFine) {
  auto config = ParseConfig({"--listen", "0.0.0.0:50051"}, TlsEnv());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->server.allow_insecure);
}

TEST_F(ConfigTlsTest, PlaintextRefusalMentionsTls) {
  auto config = ParseConfig({"--listen", "[::]:50051"}, MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("needs --allow-insecure (or serve TLS: "
                        "--tls-cert-file and --tls-key-file)"));
}

TEST_F(ConfigTlsTest, CertificateAndKeyMustComeTogether) {
  auto env = MinimalEnv();
  env["KEYWARD_TLS_CERT_FILE"] = File("server.pem");
  auto no_key = ParseConfig({}, env);
  ASSERT_FALSE(no_key.ok());
  EXPECT_THAT(std::string(no_key.status().message()),
              HasSubstr("--tls-key-file / KEYWARD_TLS_KEY_FILE: required with "
                        "--tls-cert-file"));

  auto no_certificate =
      ParseConfig({"--tls-key-file", File("server.key")}, MinimalEnv());
  ASSERT_FALSE(no_certificate.ok());
  EXPECT_THAT(std::string(no_certificate.status().message()),
              HasSubstr("--tls-cert-file / KEYWARD_TLS_CERT_FILE: required "
                        "with --tls-key-file"));
}

TEST_F(ConfigTlsTest, AClientCaNeedsAServerCertificate) {
  auto config =
      ParseConfig({"--tls-client-ca-file", File("ca.pem")}, MinimalEnv());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("--tls-client-ca-file / KEYWARD_TLS_CLIENT_CA_FILE: "
                        "client certificates need TLS"));
}

TEST_F(ConfigTlsTest, UnreadableFilesAreReportedNamingTheirSetting) {
  auto env = MinimalEnv();
  env["KEYWARD_TLS_CERT_FILE"] = File("missing.pem");
  auto config = ParseConfig(
      {"--tls-key-file", File("missing.key"), "--tls-client-ca-file", dir_},
      env);
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message,
              HasSubstr("KEYWARD_TLS_CERT_FILE: cannot read the file"));
  EXPECT_THAT(message, HasSubstr("--tls-key-file: cannot read the file"));
  EXPECT_THAT(message,
              HasSubstr("--tls-client-ca-file: is not a regular file"));
}

// A TLS file is read whole: a device or a huge file must not hang or
// exhaust keywardd at startup.
TEST_F(ConfigTlsTest, OnlyRegularFilesUpTo1MiBAreRead) {
  testing::WriteTextFile(File("huge.pem"), std::string((1 << 20) + 1, 'x'));
  auto env = TlsEnv();
  env["KEYWARD_TLS_CERT_FILE"] = File("huge.pem");
  auto config = ParseConfig({"--tls-client-ca-file", "/dev/zero"}, env);
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message,
              HasSubstr("KEYWARD_TLS_CERT_FILE: is larger than 1 MiB"));
  EXPECT_THAT(message,
              HasSubstr("--tls-client-ca-file: is not a regular file"));
}

TEST_F(ConfigTlsTest, FilesThatAreNotPemAreRejected) {
  auto config = ParseConfig(
      {"--tls-cert-file", File("junk.txt"), "--tls-key-file",
       File("server.pem"), "--tls-client-ca-file", File("server.key")},
      MinimalEnv());
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("--tls-cert-file: does not look like a PEM "
                                 "certificate"));
  EXPECT_THAT(message, HasSubstr("--tls-key-file: does not look like a PEM "
                                 "private key"));
  EXPECT_THAT(message, HasSubstr("--tls-client-ca-file: does not look like a "
                                 "PEM certificate"));
  EXPECT_THAT(message, Not(HasSubstr("BEGIN")));
}

TEST_F(ConfigTlsTest, ABrokenCertificateAfterAGoodOneIsRejected) {
  testing::WriteTextFile(File("chain.pem"),
                         server_.certificate_pem +
                             "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n"
                             "-----END CERTIFICATE-----\n");
  auto env = TlsEnv();
  env["KEYWARD_TLS_CERT_FILE"] = File("chain.pem");
  auto config = ParseConfig({}, env);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("KEYWARD_TLS_CERT_FILE: does not look like a PEM "
                        "certificate"));
}

TEST_F(ConfigTlsTest, AnEncryptedKeyIsRejected) {
  testing::WriteTextFile(File("encrypted.key"),
                         "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                         "-----END ENCRYPTED PRIVATE KEY-----\n");
  auto env = TlsEnv();
  env["KEYWARD_TLS_KEY_FILE"] = File("encrypted.key");
  auto config = ParseConfig({}, env);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()),
              HasSubstr("KEYWARD_TLS_KEY_FILE: is an encrypted private key"));
}

TEST_F(ConfigTlsTest, AKeyThatIsNotTheCertificatesIsRejected) {
  auto env = TlsEnv();
  env["KEYWARD_TLS_KEY_FILE"] = File("other.key");
  auto config = ParseConfig({}, env);
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("--tls-key-file / KEYWARD_TLS_KEY_FILE: is "
                                 "not the private key of the first "
                                 "certificate in --tls-cert-file"));
  EXPECT_THAT(message, Not(HasSubstr("PRIVATE KEY-----")));
}

TEST_F(ConfigTlsTest, AnEmptyValueTurnsASettingOff) {
  auto env = TlsEnv();
  env["KEYWARD_TLS_CLIENT_CA_FILE"] = "";
  auto config = ParseConfig({"--tls-cert-file=", "--tls-key-file="}, env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->tls.certificate.contents.empty());
  EXPECT_TRUE(config->tls.private_key.contents.empty());
  EXPECT_TRUE(config->tls.client_ca.contents.empty());
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

namespace keyward {
namespace {

// Every setting's duration is kept to the millisecond: a grace of half a
// second must not become no grace at all.
TEST_F(ConfigTest, SubSecondDurationsAreNotRoundedDown) {
  auto env = MinimalEnv();
  env["KEYWARD_ACTIVE_WINDOW"] = "2s999ms";
  auto config = ParseConfig({"--shutdown-grace", "500ms"}, env);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.shutdown_grace, std::chrono::milliseconds(500));
  EXPECT_EQ(config->keys.active_window, std::chrono::milliseconds(2999));
}

TEST_F(ConfigTest, DurationsOver365DaysAreRefused) {
  auto env = MinimalEnv();
  env["KEYWARD_SHUTDOWN_GRACE"] = "366d";
  env["KEYWARD_ACTIVE_WINDOW"] = "365d";
  auto config = ParseConfig({"--health-check-interval", "200000d"}, env);
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, ::testing::HasSubstr(
                           "--health-check-interval: must be at most 365d"));
  EXPECT_THAT(message, ::testing::HasSubstr(
                           "KEYWARD_SHUTDOWN_GRACE: must be at most 365d"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("ACTIVE_WINDOW")));
}

}  // namespace
}  // namespace keyward
