// Each component's options table on its own: its defaults, a bound or two,
// and the checks that span its settings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "services/common/config.h"
#include "services/common/server_address.h"

namespace keyward {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// `table` applied to a fresh Settings from `args` alone (no environment).
template <typename Settings>
Settings Parse(const OptionTable<Settings>& table,
               const std::vector<std::string>& args,
               std::vector<std::string>& problems) {
  Settings settings;
  OptionSet options;
  options.Add(table, settings);
  options.Apply(args, {}, problems);
  return settings;
}

template <typename Settings>
Settings Defaults(const OptionTable<Settings>& table) {
  std::vector<std::string> problems;
  Settings settings = Parse(table, {}, problems);
  EXPECT_THAT(problems, IsEmpty());
  return settings;
}

TEST(ServerOptionsTest, DefaultsServeOnLoopbackAndDrainBeforeStopping) {
  const ServerConfig server = Defaults(ServerOptions());
  EXPECT_EQ(server.listen, kDefaultServerAddress);
  EXPECT_FALSE(server.allow_insecure);
  EXPECT_EQ(server.max_threads, 64);
  EXPECT_EQ(server.max_receive_message_bytes, 1 << 20);
  EXPECT_EQ(server.health_check_interval, std::chrono::seconds(1));
  EXPECT_EQ(server.drain_period, std::chrono::seconds(5));
  EXPECT_EQ(server.shutdown_grace, std::chrono::seconds(10));
  EXPECT_EQ(server.ready_file, "");
}

TEST(ServerOptionsTest, SubSecondShutdownTimesAreKeptToTheMillisecond) {
  std::vector<std::string> problems;
  const ServerConfig server =
      Parse(ServerOptions(),
            {"--shutdown-grace", "500ms", "--drain-period=1s250ms"}, problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(server.shutdown_grace, milliseconds(500));
  EXPECT_EQ(server.drain_period, milliseconds(1250));
}

TEST(TlsOptionsTest, TlsIsOffByDefaultAndAClientCaAloneIsRefused) {
  const TlsConfig tls = Defaults(TlsOptions());
  EXPECT_FALSE(tls.enabled());
  EXPECT_FALSE(tls.requires_client_certificates());
  std::vector<std::string> problems;
  CheckTlsConfig(tls, problems);
  EXPECT_THAT(problems, IsEmpty());

  TlsConfig ca_only;
  ca_only.client_ca = SettingFile{"ca.pem", "-----BEGIN CERTIFICATE-----"};
  CheckTlsConfig(ca_only, problems);
  EXPECT_THAT(problems, ElementsAre(HasSubstr("client certificates need TLS")));
}

TEST(StoreOptionsTest, DefaultsBoundEveryStatementAndLock) {
  const StoreConfig store = Defaults(StoreOptions());
  EXPECT_EQ(store.url, "");  // required: no default
  EXPECT_EQ(store.pool_size, 8);
  EXPECT_EQ(store.statement_timeout, std::chrono::seconds(5));
  EXPECT_EQ(store.lock_timeout, std::chrono::seconds(2));
  EXPECT_EQ(store.idle_in_transaction_timeout, std::chrono::seconds(10));
}

TEST(StoreOptionsTest, TimeoutsMustFitPostgresAndUrlsMustBePostgres) {
  std::vector<std::string> problems;
  Parse(StoreOptions(),
        {"--database-lock-timeout", "25d", "--database-url", "mysql://x"},
        problems);
  EXPECT_THAT(problems,
              ElementsAre("--database-lock-timeout: must be at most 24d "
                          "(PostgreSQL's limit)",
                          "--database-url: must be a postgresql:// URL"));
}

TEST(OpaOptionsTest, DefaultsAskTheLocalOpaWithinTwoSecondsWithoutAToken) {
  const OpaConfig opa = Defaults(OpaOptions());
  EXPECT_EQ(opa.url, "http://127.0.0.1:8181");
  EXPECT_EQ(opa.timeout, std::chrono::seconds(2));
  EXPECT_EQ(opa.token.path, "");
  EXPECT_EQ(opa.token.contents, "");
}

TEST(AuthOptionsTest, DefaultsLimitFailuresAndKeepCachesShort) {
  const AuthConfig auth = Defaults(AuthOptions());
  EXPECT_EQ(auth.pepper.contents, "");  // required to serve: no default
  EXPECT_EQ(auth.role_binding_cache_ttl, std::chrono::seconds(1));
  EXPECT_EQ(auth.verification_cache_max_age, std::chrono::seconds(60));
  EXPECT_EQ(auth.revocation_heartbeat_interval, std::chrono::seconds(2));
  EXPECT_EQ(auth.failure_limit, 10);
  EXPECT_EQ(auth.failure_window, std::chrono::minutes(1));
  EXPECT_EQ(auth.lockout, std::chrono::minutes(5));
  EXPECT_THAT(auth.trusted_proxies, IsEmpty());
}

TEST(KeysOptionsTest, DefaultsAndTheQuotaCheck) {
  const KeysConfig keys = Defaults(KeysOptions());
  EXPECT_EQ(keys.quota_per_owner_per_resource, 10);
  EXPECT_EQ(keys.quota_per_owner, 100);
  EXPECT_EQ(keys.active_window, std::chrono::minutes(15));
  EXPECT_EQ(keys.last_used_flush_interval, std::chrono::seconds(1));
  std::vector<std::string> problems;
  CheckKeysConfig(keys, problems);
  EXPECT_THAT(problems, IsEmpty());

  KeysConfig inverted = keys;
  inverted.quota_per_owner_per_resource = 101;
  CheckKeysConfig(inverted, problems);
  EXPECT_THAT(problems, ElementsAre(HasSubstr("must not exceed")));
}

TEST(WebhooksOptionsTest, DefaultsAndTheBackoffCheck) {
  const WebhooksConfig webhooks = Defaults(WebhooksOptions());
  EXPECT_EQ(webhooks.request_timeout, std::chrono::seconds(10));
  EXPECT_EQ(webhooks.backoff_base, std::chrono::seconds(1));
  EXPECT_EQ(webhooks.backoff_max, std::chrono::hours(1));
  EXPECT_EQ(webhooks.give_up_after, std::chrono::hours(24));
  EXPECT_EQ(webhooks.poll_interval, std::chrono::seconds(1));
  std::vector<std::string> problems;
  CheckWebhooksConfig(webhooks, problems);
  EXPECT_THAT(problems, IsEmpty());

  WebhooksConfig inverted = webhooks;
  inverted.backoff_base = std::chrono::hours(2);
  CheckWebhooksConfig(inverted, problems);
  EXPECT_THAT(problems, ElementsAre(HasSubstr("--webhook-backoff-base")));
}

TEST(KeysOptionsTest, AnActiveWindowUnderASecondIsNotRoundedAway) {
  std::vector<std::string> problems;
  const KeysConfig keys =
      Parse(KeysOptions(), {"--active-window", "1500ms"}, problems);
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_EQ(keys.active_window, milliseconds(1500));
}

TEST(BootstrapOptionsTest, TheFirstAdminIsNamedOrganizationAdmin) {
  const BootstrapConfig bootstrap = Defaults(BootstrapOptions());
  EXPECT_EQ(bootstrap.email, "");
  EXPECT_EQ(bootstrap.display_name, "Organization admin");
}

// Operators' scripts and manifests name these: none may change or go.
TEST(ConfigOptionsTest, EveryFlagKeepsItsVariable) {
  const std::map<std::string, std::string> expected = {
      {"listen", "KEYWARD_LISTEN"},
      {"allow-insecure", "KEYWARD_ALLOW_INSECURE"},
      {"tls-cert-file", "KEYWARD_TLS_CERT_FILE"},
      {"tls-key-file", "KEYWARD_TLS_KEY_FILE"},
      {"tls-client-ca-file", "KEYWARD_TLS_CLIENT_CA_FILE"},
      {"max-threads", "KEYWARD_MAX_THREADS"},
      {"max-receive-message-size", "KEYWARD_MAX_RECEIVE_MESSAGE_SIZE"},
      {"database-url", "KEYWARD_DATABASE_URL"},
      {"database-pool-size", "KEYWARD_DATABASE_POOL_SIZE"},
      {"database-statement-timeout", "KEYWARD_DATABASE_STATEMENT_TIMEOUT"},
      {"database-lock-timeout", "KEYWARD_DATABASE_LOCK_TIMEOUT"},
      {"database-idle-in-transaction-timeout",
       "KEYWARD_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT"},
      {"opa-url", "KEYWARD_OPA_URL"},
      {"opa-timeout", "KEYWARD_OPA_TIMEOUT"},
      {"opa-token-file", "KEYWARD_OPA_TOKEN_FILE"},
      {"pepper-file", "KEYWARD_PEPPER_FILE"},
      {"quota-keys-per-owner-per-resource",
       "KEYWARD_QUOTA_KEYS_PER_OWNER_PER_RESOURCE"},
      {"quota-keys-per-owner", "KEYWARD_QUOTA_KEYS_PER_OWNER"},
      {"active-window", "KEYWARD_ACTIVE_WINDOW"},
      {"last-used-flush-interval", "KEYWARD_LAST_USED_FLUSH_INTERVAL"},
      {"compliance-interval", "KEYWARD_COMPLIANCE_INTERVAL"},
      {"role-binding-cache-ttl", "KEYWARD_ROLE_BINDING_CACHE_TTL"},
      {"verification-cache-max-age", "KEYWARD_VERIFICATION_CACHE_MAX_AGE"},
      {"revocation-heartbeat-interval",
       "KEYWARD_REVOCATION_HEARTBEAT_INTERVAL"},
      {"auth-failure-limit", "KEYWARD_AUTH_FAILURE_LIMIT"},
      {"auth-failure-window", "KEYWARD_AUTH_FAILURE_WINDOW"},
      {"auth-lockout", "KEYWARD_AUTH_LOCKOUT"},
      {"trusted-proxies", "KEYWARD_TRUSTED_PROXIES"},
      {"email", "KEYWARD_BOOTSTRAP_EMAIL"},
      {"display-name", "KEYWARD_BOOTSTRAP_DISPLAY_NAME"},
      {"health-check-interval", "KEYWARD_HEALTH_CHECK_INTERVAL"},
      {"drain-period", "KEYWARD_DRAIN_PERIOD"},
      {"shutdown-grace", "KEYWARD_SHUTDOWN_GRACE"},
      {"ready-file", "KEYWARD_READY_FILE"},
      {"event-poll-interval", "KEYWARD_EVENT_POLL_INTERVAL"},
      {"max-event-streams", "KEYWARD_MAX_EVENT_STREAMS"},
      {"log-format", "KEYWARD_LOG_FORMAT"},
      {"webhook-timeout", "KEYWARD_WEBHOOK_TIMEOUT"},
      {"webhook-backoff-base", "KEYWARD_WEBHOOK_BACKOFF_BASE"},
      {"webhook-backoff-max", "KEYWARD_WEBHOOK_BACKOFF_MAX"},
      {"webhook-give-up-after", "KEYWARD_WEBHOOK_GIVE_UP_AFTER"},
      {"webhook-poll-interval", "KEYWARD_WEBHOOK_POLL_INTERVAL"},
      {"metrics-listen", "KEYWARD_METRICS_LISTEN"},
      {"allow-insecure-metrics", "KEYWARD_ALLOW_INSECURE_METRICS"},
  };
  std::map<std::string, std::string> actual;
  for (const OptionSpec& spec : ConfigOptions()) {
    EXPECT_TRUE(actual.emplace(spec.flag, spec.env).second)
        << "--" << spec.flag << " twice";
  }
  EXPECT_EQ(actual, expected);
}

TEST(ConfigOptionsTest, HelpShowsEveryOptionWithTheDefaultThatApplies) {
  const std::string usage = ConfigUsage();
  EXPECT_THAT(usage, HasSubstr("  --listen / KEYWARD_LISTEN (127.0.0.1:50051)\n"
                               "      address to serve gRPC on"));
  EXPECT_THAT(usage, HasSubstr("  --active-window / KEYWARD_ACTIVE_WINDOW "
                               "(15m)\n"));
  EXPECT_THAT(usage, HasSubstr("  --database-url / KEYWARD_DATABASE_URL\n"));
  for (const OptionSpec& spec : ConfigOptions()) {
    EXPECT_THAT(usage, HasSubstr("  --" + spec.flag + " / " + spec.env))
        << spec.flag;
  }
}

}  // namespace
}  // namespace keyward
