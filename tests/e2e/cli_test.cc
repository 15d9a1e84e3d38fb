// The `keyward` command-line client end to end: the built binary driven as a
// child process against keywardd and a real PostgreSQL, one command group
// after another, with its output parsed back and its exit codes checked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/e2e/cli_runner.h"
#include "tests/support/event_watch.h"
#include "tests/support/eventually.h"
#include "tests/support/keyward_server.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::json;

// What a failed expectation should show about a run.
std::string Show(const CliResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout:\n" +
         result.out + "\nstderr:\n" + result.err;
}

Json ParseJson(const CliResult& result) {
  Json json = Json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << Show(result);
  return json;
}

// Seconds since the epoch of an RFC 3339 UTC time ("...Z").
std::time_t ParseTime(const std::string& text) {
  std::tm tm = {};
  EXPECT_NE(strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm), nullptr) << text;
  return timegm(&tm);
}

// True if some line of `text` matches `pattern` as a whole.
bool HasLine(const std::string& text, const std::string& pattern) {
  const std::regex regex(pattern);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, regex)) return true;
  }
  return false;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new KeywardServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  CliTest()
      : cli_(server_->process().address(),
             {{"KEYWARD_API_KEY", CallerKey()},
              {"KEYWARD_API_SECRET", CallerSecret()}}) {}

  // The Cloud key every command authenticates with: the OrganizationAdmin
  // the fixture bootstraps.
  static std::string CallerKey() { return server_->admin_key(); }
  static std::string CallerSecret() { return server_->admin_secret(); }

  // Runs a command that must succeed with -o json and returns its output.
  Json RunJson(std::vector<std::string> args, const std::string& input = "") {
    args.push_back("-o");
    args.push_back("json");
    const CliResult result = cli_.Run(args, input);
    EXPECT_EQ(result.exit_code, 0) << Show(result);
    return ParseJson(result);
  }

  std::string CreateEnvironment(const std::string& stage = "dev") {
    return RunJson({"environment", "create", "--display-name", "Payments",
                    "--stage", stage})["id"];
  }
  std::string CreateKafka(const std::string& environment) {
    return RunJson({"resource", "create", "--environment", environment,
                    "--kind", "kafka", "--display-name", "orders", "--cloud",
                    "aws", "--region", "us-east-1"})["id"];
  }
  std::string CreateServiceAccount() {
    return RunJson({"service-account", "create", "--display-name", "ingest",
                    "--description", "writes the orders topic"})["id"];
  }
  // A new service account's API key for `resource`, with its secret.
  Json CreateServiceAccountKey(const std::string& resource) {
    return RunJson({"api-key", "create", "--resource", resource,
                    "--service-account", CreateServiceAccount(),
                    "--description", "orders producer"});
  }
  // Where `api-key store` keeps secrets for the runner's HOME.
  std::string KeyStoreFile() const {
    return cli_.home() + "/.config/keyward/api-keys.json";
  }

  static KeywardServer* server_;
  CliRunner cli_;
};

KeywardServer* CliTest::server_ = nullptr;

TEST_F(CliTest, EnvironmentCreateListDescribeUpdateDelete) {
  const CliResult created = cli_.Run({"environment", "create", "--display-name",
                                      "Payments", "--stage", "dev"});
  ASSERT_EQ(created.exit_code, 0) << Show(created);
  EXPECT_TRUE(HasLine(created.out, "ID: +env-[a-z0-9]{8}")) << created.out;
  EXPECT_THAT(created.out, HasSubstr("Stage:         dev\n"));

  const std::string id = CreateEnvironment();
  const CliResult table = cli_.Run({"environment", "list"});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_TRUE(std::regex_search(
      table.out, std::regex("^ID +DISPLAY NAME +STAGE +CREATED\n")))
      << table.out;
  EXPECT_TRUE(HasLine(table.out, id + " +Payments +dev +20[-0-9]+T[:0-9]+Z"))
      << table.out;

  const Json listed = RunJson({"environment", "list"});
  ASSERT_TRUE(listed.is_array());
  bool found = false;
  for (const Json& environment : listed) {
    if (environment["id"] == id) {
      found = true;
      EXPECT_EQ(environment["display_name"], "Payments");
      EXPECT_EQ(environment["stage"], "dev");
      EXPECT_TRUE(environment["create_time"].is_string());
    }
  }
  EXPECT_TRUE(found) << listed.dump(2);

  const Json described = RunJson({"environment", "describe", id});
  EXPECT_TRUE(described.is_object());
  EXPECT_EQ(described["id"], id);

  const Json updated =
      RunJson({"environment", "update", id, "--stage", "staging"});
  EXPECT_EQ(updated["stage"], "staging");
  EXPECT_EQ(updated["display_name"], "Payments");

  const CliResult deleted = cli_.Run({"environment", "delete", id, "--force"});
  ASSERT_EQ(deleted.exit_code, 0) << Show(deleted);
  EXPECT_EQ(deleted.out, "Deleted environment " + id + ".\n");
  EXPECT_EQ(cli_.Run({"environment", "describe", id}).exit_code, 1);
}

TEST_F(CliTest, EnvironmentDeleteOfANonEmptyEnvironmentNeedsCascade) {
  const std::string environment = CreateEnvironment();
  const std::string resource = CreateKafka(environment);
  const CliResult refused =
      cli_.Run({"environment", "delete", environment, "--force"});
  EXPECT_EQ(refused.exit_code, 1) << Show(refused);
  EXPECT_THAT(refused.err, HasSubstr("--cascade"));

  const Json deleted =
      RunJson({"environment", "delete", environment, "--force", "--cascade"});
  EXPECT_EQ(deleted["id"], environment);
  EXPECT_EQ(deleted["deleted_resource_ids"], Json::array({resource}));
}

// A key verified a moment ago counts as in use (its last use is written
// before the delete decides): it holds off deleting what would remove it.
TEST_F(CliTest, DeletesOverAKeyInUseNeedIgnoreActiveKeys) {
  const std::string environment = CreateEnvironment();
  const std::string resource = CreateKafka(environment);
  const std::string owner = CreateServiceAccount();
  const Json key =
      RunJson({"api-key", "create", "--resource", resource, "--service-account",
               owner, "--description", "orders producer"});
  const CliResult verified =
      cli_.Run({"api-key", "verify", key["id"], "--resource", resource},
               key["secret"].get<std::string>() + "\n");
  ASSERT_EQ(verified.exit_code, 0) << Show(verified);

  const CliResult resource_refused =
      cli_.Run({"resource", "delete", resource, "--force"});
  EXPECT_EQ(resource_refused.exit_code, 1) << Show(resource_refused);
  EXPECT_THAT(resource_refused.err, HasSubstr(key["id"].get<std::string>()));
  EXPECT_THAT(resource_refused.err, HasSubstr("--ignore-active-keys"));
  const Json dry_run = RunJson({"resource", "delete", resource, "--force",
                                "--dry-run", "--ignore-active-keys"});
  EXPECT_EQ(dry_run["validate_only"], true);
  EXPECT_EQ(dry_run["deleted_api_key_ids"], Json::array({key["id"]}));

  const CliResult environment_refused =
      cli_.Run({"environment", "delete", environment, "--force", "--cascade"});
  EXPECT_EQ(environment_refused.exit_code, 1) << Show(environment_refused);
  EXPECT_THAT(environment_refused.err, HasSubstr("ignore_active_keys"));
  EXPECT_THAT(environment_refused.err, HasSubstr("--ignore-active-keys"));

  const Json deleted = RunJson({"environment", "delete", environment, "--force",
                                "--cascade", "--ignore-active-keys"});
  EXPECT_EQ(deleted["deleted_api_key_ids"], Json::array({key["id"]}));
}

TEST_F(CliTest, ResourceCreateListDescribeDelete) {
  const std::string environment = CreateEnvironment();
  const Json created =
      RunJson({"resource", "create", "--environment", environment, "--kind",
               "schema-registry", "--display-name", "schemas", "--cloud", "gcp",
               "--region", "europe-west1"});
  const std::string id = created["id"];
  EXPECT_THAT(id, StartsWith("lsrc-"));
  EXPECT_EQ(created["kind"], "RESOURCE_KIND_SCHEMA_REGISTRY");
  const std::string kafka = CreateKafka(environment);

  const Json registries = RunJson({"resource", "list", "--environment",
                                   environment, "--kind", "schema-registry"});
  ASSERT_EQ(registries.size(), 1u) << registries.dump(2);
  EXPECT_EQ(registries[0]["id"], id);

  const CliResult table =
      cli_.Run({"resource", "list", "--environment", environment});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_TRUE(HasLine(table.out,
                      "ID +KIND +ENVIRONMENT +DISPLAY NAME +CLOUD +REGION "
                      "+CREATED"))
      << table.out;
  EXPECT_TRUE(HasLine(table.out, id + " +schema-registry +" + environment +
                                     " +schemas +gcp +europe-west1 +\\S+"))
      << table.out;
  EXPECT_TRUE(HasLine(table.out, kafka + " +kafka +" + environment +
                                     " +orders +aws +us-east-1 +\\S+"))
      << table.out;

  const CliResult described = cli_.Run({"resource", "describe", kafka});
  ASSERT_EQ(described.exit_code, 0) << Show(described);
  EXPECT_THAT(described.out, HasSubstr("Kind:          kafka\n"));

  const CliResult bad_kind =
      cli_.Run({"resource", "list", "--kind", "cassandra"});
  EXPECT_EQ(bad_kind.exit_code, 2) << Show(bad_kind);
  EXPECT_THAT(bad_kind.err, HasSubstr("kafka|schema-registry|ksqldb|flink"));

  const Json deleted = RunJson({"resource", "delete", id, "--force"});
  EXPECT_EQ(deleted["id"], id);
  EXPECT_EQ(cli_.Run({"resource", "describe", id}).exit_code, 1);
}

TEST_F(CliTest, ServiceAccountCreateListDescribeUpdateDelete) {
  const std::string id = CreateServiceAccount();
  EXPECT_THAT(id, StartsWith("sa-"));

  const Json listed = RunJson({"service-account", "list"});
  bool found = false;
  for (const Json& account : listed) {
    EXPECT_EQ(account["type"], "ACCOUNT_TYPE_SERVICE_ACCOUNT");
    found = found || account["id"] == id;
  }
  EXPECT_TRUE(found) << listed.dump(2);

  const CliResult described = cli_.Run({"service-account", "describe", id});
  ASSERT_EQ(described.exit_code, 0) << Show(described);
  EXPECT_THAT(described.out,
              AllOf(HasSubstr("Type:          service-account\n"),
                    HasSubstr("Description:   writes the orders topic\n")));

  const Json updated = RunJson(
      {"service-account", "update", id, "--description", "reads orders"});
  EXPECT_EQ(updated["description"], "reads orders");
  EXPECT_EQ(updated["display_name"], "ingest");

  const CliResult wrong_kind = cli_.Run({"user", "describe", id});
  EXPECT_EQ(wrong_kind.exit_code, 2) << Show(wrong_kind);

  const CliResult deleted =
      cli_.Run({"service-account", "delete", id, "--force"});
  ASSERT_EQ(deleted.exit_code, 0) << Show(deleted);
  EXPECT_EQ(deleted.out, "Deleted service account " + id +
                             " with 0 API keys and 0 role bindings.\n");
  EXPECT_EQ(cli_.Run({"service-account", "describe", id}).exit_code, 1);
}

TEST_F(CliTest, UserCreateListDescribeUpdateDelete) {
  const Json created = RunJson({"user", "create", "--email", "ada@example.com",
                                "--display-name", "Ada"});
  const std::string id = created["id"];
  EXPECT_THAT(id, StartsWith("u-"));
  EXPECT_EQ(created["email"], "ada@example.com");

  const CliResult table = cli_.Run({"user", "list"});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_TRUE(HasLine(table.out, "ID +EMAIL +DISPLAY NAME +CREATED"))
      << table.out;
  EXPECT_TRUE(HasLine(table.out, id + " +ada@example\\.com +Ada +\\S+"))
      << table.out;

  const CliResult again = cli_.Run(
      {"user", "create", "--email", "ada@example.com", "--display-name", "A"});
  EXPECT_EQ(again.exit_code, 1) << Show(again);
  EXPECT_THAT(again.err, StartsWith("Error: "));

  EXPECT_EQ(RunJson({"user", "describe", id})["email"], "ada@example.com");
  EXPECT_EQ(RunJson({"user", "update", id, "--display-name",
                     "Ada L."})["display_name"],
            "Ada L.");
  const Json deleted = RunJson({"user", "delete", id, "--force"});
  EXPECT_EQ(deleted["id"], id);
  EXPECT_EQ(cli_.Run({"user", "describe", id}).exit_code, 1);
}

TEST_F(CliTest, ApiKeyLifecycleFromCreateToVerifyToDelete) {
  const std::string environment = CreateEnvironment();
  const std::string resource = CreateKafka(environment);
  const std::string owner = CreateServiceAccount();

  // Table mode: the secret once on stdout, the reminder on stderr.
  const CliResult created = cli_.Run(
      {"api-key", "create", "--resource", resource, "--service-account", owner,
       "--description", "orders producer", "--display-name", "producer"});
  ASSERT_EQ(created.exit_code, 0) << Show(created);
  EXPECT_TRUE(HasLine(created.out, "Key: +[A-Z0-9]{16}")) << created.out;
  EXPECT_TRUE(HasLine(created.out, "Secret: +kwsec_\\S+")) << created.out;
  EXPECT_EQ(Count(created.out, "kwsec_"), 1u);
  EXPECT_THAT(created.err, HasSubstr("cannot be retrieved later"));
  EXPECT_THAT(created.err, Not(HasSubstr("kwsec_")));

  // JSON: an object with the key's fields and its secret.
  const Json key =
      RunJson({"api-key", "create", "--resource", resource, "--service-account",
               owner, "--description", "orders consumer"});
  ASSERT_TRUE(key.is_object());
  const std::string id = key["id"];
  const std::string secret = key["secret"];
  EXPECT_THAT(id, MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_THAT(secret, StartsWith("kwsec_"));
  EXPECT_EQ(key["owner_id"], owner);
  EXPECT_EQ(key["resource_id"], resource);
  EXPECT_EQ(key["resource_kind"], "RESOURCE_KIND_KAFKA_CLUSTER");

  // list -o json, parsed back: both keys, no secrets.
  const Json listed = RunJson({"api-key", "list", "--service-account", owner});
  ASSERT_TRUE(listed.is_array());
  ASSERT_EQ(listed.size(), 2u) << listed.dump(2);
  for (const Json& item : listed) {
    EXPECT_EQ(item["owner_id"], owner);
    EXPECT_EQ(item["resource_id"], resource);
    EXPECT_FALSE(item.contains("secret"));
  }
  EXPECT_EQ(listed[1]["id"], id);
  EXPECT_EQ(listed[1]["description"], "orders consumer");
  EXPECT_EQ(RunJson({"api-key", "list", "--resource", resource}).size(), 2u);
  EXPECT_EQ(RunJson({"api-key", "list", "--resource", "cloud",
                     "--service-account", owner})
                .size(),
            0u);

  // -o yaml: a list of blocks a person (or a YAML parser) can read.
  const CliResult yaml =
      cli_.Run({"api-key", "list", "--service-account", owner, "-o", "yaml"});
  ASSERT_EQ(yaml.exit_code, 0) << Show(yaml);
  EXPECT_THAT(yaml.out, StartsWith("- id: "));
  EXPECT_EQ(Count(yaml.out, "\n- id: ") + 1, 2u);
  EXPECT_THAT(yaml.out, HasSubstr("\n  owner_id: " + owner + "\n"));
  EXPECT_THAT(yaml.out, HasSubstr("\n  description: orders consumer\n"));
  EXPECT_THAT(yaml.out, HasSubstr("\n  create_time: \"20"));

  // describe never shows a secret.
  const CliResult described = cli_.Run({"api-key", "describe", id});
  ASSERT_EQ(described.exit_code, 0) << Show(described);
  EXPECT_THAT(described.out, HasSubstr("Owner:          " + owner + "\n"));
  EXPECT_THAT(described.out, HasSubstr("Expires:        never\n"));
  EXPECT_THAT(described.out, Not(HasSubstr("kwsec_")));

  // update builds the mask from the flags given.
  const Json updated = RunJson(
      {"api-key", "update", id, "--description", "orders consumer (eu)"});
  EXPECT_EQ(updated["description"], "orders consumer (eu)");
  const Json renamed =
      RunJson({"api-key", "update", id, "--display-name", "consumer"});
  EXPECT_EQ(renamed["display_name"], "consumer");
  EXPECT_EQ(renamed["description"], "orders consumer (eu)");

  // verify: the secret on stdin; valid exits 0, anything else 1.
  const CliResult valid = cli_.Run(
      {"api-key", "verify", id, "--resource", resource}, secret + "\n");
  EXPECT_EQ(valid.exit_code, 0) << Show(valid);
  EXPECT_THAT(valid.out, StartsWith("Valid:     true\nReason:    VALID\n"));
  const std::string other_secret =
      created.out.substr(created.out.find("kwsec_"));
  const CliResult wrong =
      cli_.Run({"api-key", "verify", id, "--resource", resource}, other_secret);
  EXPECT_EQ(wrong.exit_code, 1) << Show(wrong);
  EXPECT_THAT(wrong.out, HasSubstr("INVALID_CREDENTIALS"));
  const CliResult cloud = cli_.Run(
      {"api-key", "verify", id, "--resource", "cloud", "-o", "json"}, secret);
  EXPECT_EQ(cloud.exit_code, 1) << Show(cloud);
  const Json elsewhere = ParseJson(cloud);
  EXPECT_EQ(elsewhere["valid"], false);
  EXPECT_EQ(elsewhere["reason"], "VERIFY_REASON_WRONG_RESOURCE");

  const std::string secret_file = cli_.home() + "/secret";
  std::ofstream(secret_file) << secret << "\n";
  const CliResult from_file =
      cli_.Run({"api-key", "verify", id, "--resource", resource,
                "--secret-file", secret_file});
  EXPECT_EQ(from_file.exit_code, 0) << Show(from_file);
  const CliResult no_secret =
      cli_.Run({"api-key", "verify", id, "--resource", resource});
  EXPECT_EQ(no_secret.exit_code, 2) << Show(no_secret);

  // delete: refused without --force off a terminal, done with it.
  const CliResult refused = cli_.Run({"api-key", "delete", id});
  EXPECT_EQ(refused.exit_code, 2) << Show(refused);
  EXPECT_THAT(refused.err, HasSubstr("--force"));
  EXPECT_EQ(cli_.Run({"api-key", "describe", id}).exit_code, 0);

  const CliResult deleted = cli_.Run({"api-key", "delete", id, "--force"});
  ASSERT_EQ(deleted.exit_code, 0) << Show(deleted);
  EXPECT_EQ(deleted.out, "Deleted API key " + id + ".\n");
  const CliResult gone =
      cli_.Run({"api-key", "verify", id, "--resource", resource}, secret);
  EXPECT_EQ(gone.exit_code, 1) << Show(gone);
  EXPECT_THAT(gone.out, HasSubstr("INVALID_CREDENTIALS"));
}

TEST_F(CliTest, ApiKeyDeleteOfSeveralKeysReportsEachAndFailsOnAMissingOne) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  std::vector<std::string> ids;
  for (int i = 0; i < 2; ++i) {
    ids.push_back(
        RunJson({"api-key", "create", "--resource", resource,
                 "--service-account", owner, "--description", "k"})["id"]);
  }
  const CliResult deleted =
      cli_.Run({"api-key", "delete", ids[0], "AAAAAAAAAAAAAAAA", ids[1],
                "--force", "-o", "json"});
  EXPECT_EQ(deleted.exit_code, 1) << Show(deleted);
  const Json results = ParseJson(deleted);
  ASSERT_EQ(results.size(), 2u) << results.dump(2);
  EXPECT_EQ(results[0]["id"], ids[0]);
  EXPECT_EQ(results[1]["id"], ids[1]);
  EXPECT_THAT(deleted.err, HasSubstr("AAAAAAAAAAAAAAAA"));
}

TEST_F(CliTest, ApiKeyCreateExpiresInBecomesAnExpireTime) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const Json key =
      RunJson({"api-key", "create", "--resource", resource, "--service-account",
               owner, "--description", "temporary", "--expires-in", "90d"});
  const std::time_t created = ParseTime(key["create_time"]);
  const std::time_t expires = ParseTime(key["expire_time"]);
  EXPECT_NEAR(static_cast<double>(expires - created), 90.0 * 24 * 3600, 60);
}

TEST_F(CliTest, ApiKeyCreateWithoutAnOwnerCreatesTheCallersOwnKey) {
  const Json key = RunJson(
      {"api-key", "create", "--resource", "cloud", "--description", "my own"});
  EXPECT_EQ(key["owner_id"], server_->admin_id());
  EXPECT_FALSE(key["secret"].get<std::string>().empty());
}

TEST_F(CliTest, ApiKeyListCurrentUserShowsTheCallersOwnKeysWithTheirState) {
  const std::string own = RunJson({"api-key", "create", "--resource", "cloud",
                                   "--description", "mine"})["id"];
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string theirs = RunJson(
      {"api-key", "create", "--resource", resource, "--service-account",
       CreateServiceAccount(), "--description", "someone else's"})["id"];

  const Json mine = RunJson({"api-key", "list", "--current-user"});
  ASSERT_TRUE(mine.is_array());
  bool found = false;
  for (const Json& key : mine) {
    EXPECT_EQ(key["owner_id"], server_->admin_id()) << mine.dump(2);
    EXPECT_NE(key["id"], theirs);
    found = found || key["id"] == own;
  }
  EXPECT_TRUE(found) << mine.dump(2);

  const CliResult table = cli_.Run({"api-key", "list", "--current-user"});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_TRUE(HasLine(table.out,
                      "KEY +OWNER +RESOURCE +STATE +DESCRIPTION +CREATED "
                      "+EXPIRES"))
      << table.out;
  EXPECT_TRUE(HasLine(table.out, own + " +" + server_->admin_id() +
                                     " +cloud +active +mine +\\S+ +never"))
      << table.out;
  const CliResult described = cli_.Run({"api-key", "describe", own});
  EXPECT_THAT(described.out, HasSubstr("State:          active\n"));
}

TEST_F(CliTest, ApiKeyStoreUseAndVerifyWithTheStoredSecret) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const Json key = CreateServiceAccountKey(resource);
  const std::string id = key["id"];
  const std::string secret = key["secret"];

  const CliResult stored =
      cli_.Run({"api-key", "store", id, "--resource", resource}, secret + "\n");
  ASSERT_EQ(stored.exit_code, 0) << Show(stored);
  EXPECT_THAT(stored.out, HasSubstr("Stored the secret of API key " + id));
  EXPECT_THAT(stored.out + stored.err, Not(HasSubstr(secret)));
  const std::string store_file = KeyStoreFile();
  EXPECT_EQ(PermissionBits(store_file), 0600);
  // The key store is not the login context.
  EXPECT_FALSE(std::filesystem::exists(cli_.context_file()));

  // Nothing piped: the stored secret.
  const CliResult by_key =
      cli_.Run({"api-key", "verify", id, "--resource", resource});
  EXPECT_EQ(by_key.exit_code, 0) << Show(by_key);
  EXPECT_THAT(by_key.out, StartsWith("Valid:     true\n"));
  EXPECT_THAT(by_key.out + by_key.err, Not(HasSubstr(secret)));

  // No key: the active one for the resource, once `use` says which.
  const CliResult no_active =
      cli_.Run({"api-key", "verify", "--resource", resource});
  EXPECT_EQ(no_active.exit_code, 2) << Show(no_active);
  EXPECT_THAT(no_active.err, HasSubstr("api-key use KEY --resource"));
  const CliResult used =
      cli_.Run({"api-key", "use", id, "--resource", resource});
  ASSERT_EQ(used.exit_code, 0) << Show(used);
  EXPECT_EQ(used.out, "API key " + id + " is now the active key for resource " +
                          resource + ".\n");
  const Json active = RunJson({"api-key", "verify", "--resource", resource});
  EXPECT_EQ(active["valid"], true);
  EXPECT_EQ(active["api_key_id"], id);

  // A secret piped on stdin still comes first: here another key's.
  const std::string other_secret =
      RunJson({"api-key", "create", "--resource", "cloud", "--description",
               "other"})["secret"];
  const CliResult piped = cli_.Run(
      {"api-key", "verify", "--resource", resource}, other_secret + "\n");
  EXPECT_EQ(piped.exit_code, 1) << Show(piped);
  EXPECT_THAT(piped.out, HasSubstr("INVALID_CREDENTIALS"));
}

TEST_F(CliTest, ApiKeyStoreRefusesWhatIsNotAKeyAndSecret) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const Json key = CreateServiceAccountKey(resource);
  const std::string id = key["id"];
  const std::string secret = key["secret"];
  const std::string store_file = KeyStoreFile();

  const CliResult bad_key =
      cli_.Run({"api-key", "store", "orders-key"}, secret + "\n");
  EXPECT_EQ(bad_key.exit_code, 2) << Show(bad_key);
  EXPECT_THAT(bad_key.err,
              StartsWith("Error: 'orders-key' is not an API key id"));
  const CliResult truncated =
      cli_.Run({"api-key", "store", id}, secret.substr(0, 30) + "\n");
  EXPECT_EQ(truncated.exit_code, 2) << Show(truncated);
  EXPECT_THAT(truncated.err,
              StartsWith("Error: that is not an API key secret"));
  EXPECT_THAT(truncated.err, Not(HasSubstr(secret.substr(0, 30))));
  const CliResult none = cli_.Run({"api-key", "store", id}, "");
  EXPECT_EQ(none.exit_code, 2) << Show(none);
  EXPECT_FALSE(std::filesystem::exists(store_file));

  const CliResult unknown =
      cli_.Run({"api-key", "use", id, "--resource", resource});
  EXPECT_EQ(unknown.exit_code, 1) << Show(unknown);
  EXPECT_THAT(unknown.err, HasSubstr("is not stored"));

  ASSERT_EQ(cli_.Run({"api-key", "store", id}, secret + "\n").exit_code, 0);
  const CliResult again = cli_.Run({"api-key", "store", id}, secret + "\n");
  EXPECT_EQ(again.exit_code, 1) << Show(again);
  EXPECT_THAT(again.err, HasSubstr("--force"));
  EXPECT_EQ(
      cli_.Run({"api-key", "store", id, "--force", "--resource", resource},
               secret + "\n")
          .exit_code,
      0);
}

TEST_F(CliTest, ApiKeyDisableAndEnableChangeWhatVerifyAnswers) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const Json key = CreateServiceAccountKey(resource);
  const std::string id = key["id"];
  const std::string secret = key["secret"];
  const auto verify = [&] {
    return cli_.Run(
        {"api-key", "verify", id, "--resource", resource, "-o", "json"},
        secret + "\n");
  };

  const CliResult dry_run = cli_.Run({"api-key", "disable", id, "--dry-run"});
  ASSERT_EQ(dry_run.exit_code, 0) << Show(dry_run);
  EXPECT_THAT(dry_run.err, HasSubstr("Dry run"));
  EXPECT_EQ(verify().exit_code, 0);

  const CliResult disabled = cli_.Run({"api-key", "disable", id});
  ASSERT_EQ(disabled.exit_code, 0) << Show(disabled);
  EXPECT_THAT(disabled.out, HasSubstr("State:          disabled\n"));
  EXPECT_TRUE(HasLine(disabled.out, "Disabled: +20[-0-9]+T[:0-9]+Z"))
      << disabled.out;
  EXPECT_TRUE(Eventually("the disabled key to verify as DISABLED", [&] {
    const CliResult result = verify();
    return result.exit_code == 1 &&
           ParseJson(result)["reason"] == "VERIFY_REASON_DISABLED";
  }));
  const CliResult table = cli_.Run({"api-key", "list", "--resource", resource});
  EXPECT_TRUE(HasLine(table.out, id + " +\\S+ +" + resource + " +disabled .*"))
      << table.out;

  const Json enabled = RunJson({"api-key", "enable", id});
  EXPECT_EQ(enabled["state"], "API_KEY_STATE_ACTIVE");
  EXPECT_TRUE(Eventually("the enabled key to verify again",
                         [&] { return verify().exit_code == 0; }));
}

TEST_F(CliTest,
       ApiKeyRotatePrintsTheNewSecretOnceAndTheOldKeyWorksUntilGraceEnds) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const auto create = [&] {
    return RunJson({"api-key", "create", "--resource", resource,
                    "--service-account", owner, "--description",
                    "orders producer"});
  };
  const auto verifies = [&](const std::string& id, const std::string& secret) {
    return cli_.Run({"api-key", "verify", id, "--resource", resource},
                    secret + "\n")
               .exit_code == 0;
  };

  // Table mode: the new secret once on stdout, the reminder on stderr.
  const Json old_key = create();
  const CliResult rotated =
      cli_.Run({"api-key", "rotate", old_key["id"], "--grace", "1h"});
  ASSERT_EQ(rotated.exit_code, 0) << Show(rotated);
  EXPECT_EQ(Count(rotated.out, "kwsec_"), 1u) << rotated.out;
  EXPECT_TRUE(HasLine(rotated.out, "Secret: +kwsec_\\S+")) << rotated.out;
  EXPECT_TRUE(HasLine(rotated.out,
                      "Rotated From: +" + old_key["id"].get<std::string>()))
      << rotated.out;
  EXPECT_THAT(rotated.err, HasSubstr("shown only once"));
  EXPECT_THAT(rotated.err, Not(HasSubstr("kwsec_")));

  // -o json, parsed back: the successor, its secret, the old key.
  const Json other = create();
  const Json response =
      RunJson({"api-key", "rotate", other["id"], "--grace", "1h"});
  const std::string new_id = response["api_key"]["id"];
  const std::string new_secret = response["secret"];
  EXPECT_THAT(new_id, MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_NE(new_id, other["id"]);
  EXPECT_THAT(new_secret, StartsWith("kwsec_"));
  EXPECT_EQ(response["api_key"]["rotated_from"], other["id"]);
  EXPECT_EQ(response["api_key"]["owner_id"], owner);
  EXPECT_EQ(response["previous"]["id"], other["id"]);
  EXPECT_NEAR(
      static_cast<double>(ParseTime(response["previous"]["expire_time"]) -
                          ParseTime(response["api_key"]["create_time"])),
      3600.0, 60);

  // During the grace period both keys verify.
  EXPECT_TRUE(verifies(new_id, new_secret));
  EXPECT_TRUE(verifies(other["id"], other["secret"]));
  const CliResult described = cli_.Run({"api-key", "describe", new_id});
  EXPECT_TRUE(HasLine(described.out,
                      "Rotated From: +" + other["id"].get<std::string>()))
      << described.out;

  // --grace 0: the old key stops at once.
  const Json last = create();
  const Json immediate =
      RunJson({"api-key", "rotate", last["id"], "--grace", "0"});
  EXPECT_TRUE(verifies(immediate["api_key"]["id"], immediate["secret"]));
  EXPECT_TRUE(Eventually("the old key to stop verifying", [&] {
    return !verifies(last["id"], last["secret"]);
  }));
}

TEST_F(CliTest, ApiKeyUsageCountsTheVerificationsOnceTheyAreWritten) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const Json key =
      RunJson({"api-key", "create", "--resource", resource, "--service-account",
               owner, "--description", "orders producer"});
  const std::string id = key["id"];
  const std::string wrong_secret =
      RunJson({"api-key", "create", "--resource", resource, "--service-account",
               owner, "--description", "other"})["secret"];
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(cli_.Run({"api-key", "verify", id, "--resource", resource},
                       key["secret"].get<std::string>() + "\n")
                  .exit_code,
              0);
  }
  EXPECT_EQ(cli_.Run({"api-key", "verify", id, "--resource", resource},
                     wrong_secret + "\n")
                .exit_code,
            1);
  EXPECT_EQ(cli_.Run({"api-key", "verify", id, "--resource", "cloud"},
                     key["secret"].get<std::string>() + "\n")
                .exit_code,
            1);

  Json today;
  EXPECT_TRUE(Eventually("the verifications to be counted", [&] {
    const Json days = RunJson({"api-key", "usage", id, "--days", "2"});
    if (!days.is_array() || days.size() != 2) return false;
    today = days[1];
    return today["valid"] == 3 && today["invalid_credentials"] == 1 &&
           today["wrong_resource"] == 1;
  })) << today.dump(2);
  EXPECT_EQ(today["expired"], 0);
  EXPECT_EQ(today["disabled"], 0);

  const CliResult table = cli_.Run({"api-key", "usage", id, "--days", "2"});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_TRUE(HasLine(table.out,
                      "DATE +VALID +INVALID CREDENTIALS +EXPIRED +WRONG "
                      "RESOURCE +DISABLED"))
      << table.out;
  EXPECT_TRUE(HasLine(table.out, "20[-0-9]+ +3 +1 +0 +1 +0")) << table.out;
  // Off a terminal, no sparkline.
  EXPECT_THAT(table.out, Not(HasSubstr("Valid per day")));
}

TEST_F(CliTest, ApiKeyListFiltersByUseAndExpiry) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const auto create = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "api-key",           "create", "--resource",    resource,
        "--service-account", owner,    "--description", "k"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunJson(args);
  };
  const std::string expiring = create({"--expires-in", "3d"})["id"];
  const Json used = create({});
  const auto ids = [&](std::vector<std::string> filters) {
    std::vector<std::string> args = {"api-key", "list", "--service-account",
                                     owner};
    args.insert(args.end(), filters.begin(), filters.end());
    std::vector<std::string> found;
    for (const Json& key : RunJson(args)) found.push_back(key["id"]);
    return found;
  };

  EXPECT_THAT(ids({"--expiring-within", "7d"}),
              ::testing::ElementsAre(expiring));
  EXPECT_THAT(ids({"--expiring-within", "1d"}), ::testing::IsEmpty());

  ASSERT_EQ(cli_.Run({"api-key", "verify", used["id"], "--resource", resource},
                     used["secret"].get<std::string>() + "\n")
                .exit_code,
            0);
  // Never used counts as unused; a use a moment ago does not, once written.
  EXPECT_TRUE(Eventually("the use to be written", [&] {
    return ids({"--unused-since", "1h"}) == std::vector<std::string>{expiring};
  }));
  EXPECT_THAT(ids({"--state", "active", "--unused-since", "1h",
                   "--expiring-within", "7d"}),
              ::testing::ElementsAre(expiring));

  ASSERT_EQ(cli_.Run({"api-key", "disable", expiring}).exit_code, 0);
  EXPECT_THAT(ids({"--state", "disabled"}), ::testing::ElementsAre(expiring));
  EXPECT_THAT(ids({"--state", "active"}),
              ::testing::ElementsAre(used["id"].get<std::string>()));
}

TEST_F(CliTest, ApiKeyCreateDryRunIssuesNoSecretAndStoresNothing) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const CliResult dry_run = cli_.Run(
      {"api-key", "create", "--resource", resource, "--service-account", owner,
       "--description", "would be", "--dry-run", "-o", "json"});
  ASSERT_EQ(dry_run.exit_code, 0) << Show(dry_run);
  const Json key = ParseJson(dry_run);
  EXPECT_EQ(key["id"], "");
  EXPECT_FALSE(key.contains("secret"));
  EXPECT_THAT(dry_run.err, HasSubstr("Dry run"));
  EXPECT_EQ(RunJson({"api-key", "list", "--service-account", owner}).size(),
            0u);
}

TEST_F(CliTest, ADeniedCreateShowsItsViolationsAndExits1) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const CliResult denied =
      cli_.Run({"api-key", "create", "--resource", resource,
                "--service-account", owner, "--description", ""});
  EXPECT_EQ(denied.exit_code, 1) << Show(denied);
  EXPECT_THAT(denied.err, StartsWith("Error: permission denied by policy"));
  EXPECT_THAT(denied.err, HasSubstr("\n  [description_required] "));
  EXPECT_THAT(denied.out, Not(HasSubstr("kwsec_")));
  EXPECT_EQ(RunJson({"api-key", "list", "--service-account", owner}).size(),
            0u);
}

TEST_F(CliTest, UsageErrorsExit2WithTheCommandsUsage) {
  const CliResult unknown_flag = cli_.Run({"api-key", "list", "--colour"});
  EXPECT_EQ(unknown_flag.exit_code, 2) << Show(unknown_flag);
  EXPECT_THAT(unknown_flag.err, StartsWith("Error: unknown flag: --colour\n"));
  EXPECT_THAT(unknown_flag.err, HasSubstr("Usage: keyward api-key list"));

  const CliResult missing = cli_.Run({"api-key", "create", "--service-account",
                                      "sa-00000000", "--description", "x"});
  EXPECT_EQ(missing.exit_code, 2) << Show(missing);
  EXPECT_THAT(missing.err,
              StartsWith("Error: missing required flag --resource\n"));
  EXPECT_THAT(missing.err, HasSubstr("Usage: keyward api-key create"));

  const CliResult bad_duration =
      cli_.Run({"api-key", "create", "--resource", "cloud", "--user",
                "u-00000000", "--description", "x", "--expires-in", "soon"});
  EXPECT_EQ(bad_duration.exit_code, 2) << Show(bad_duration);
  EXPECT_THAT(bad_duration.err, HasSubstr("--expires-in: 'soon'"));

  EXPECT_EQ(cli_.Run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"api-key", "frobnicate"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"api-key", "describe"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"api-key", "describe", "A", "B"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"environment", "list", "-o", "xml"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"environment", "update", "env-00000000"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({}).exit_code, 2);
}

TEST_F(CliTest, HelpIsAvailableEverywhereAndExits0) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--help"},
                                             {"api-key", "--help"},
                                             {"api-key", "create", "--help"},
                                             {"login", "--help"},
                                             {"audit", "list", "-h"}}) {
    const CliResult help = cli_.Run(args);
    EXPECT_EQ(help.exit_code, 0) << Show(help);
    EXPECT_THAT(help.out, HasSubstr("Usage: keyward"));
    EXPECT_EQ(help.err, "");
  }
}

TEST_F(CliTest, ANotFoundDescribeExits1) {
  const CliResult missing =
      cli_.Run({"api-key", "describe", "AAAAAAAAAAAAAAAA"});
  EXPECT_EQ(missing.exit_code, 1) << Show(missing);
  EXPECT_EQ(missing.err, "Error: API key AAAAAAAAAAAAAAAA not found\n");
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(cli_.Run({"environment", "describe", "env-00000000"}).exit_code, 1);
}

TEST_F(CliTest, TheServiceDownExits3) {
  CliRunner down(ClosedAddress());
  const CliResult result = down.Run({"environment", "list"});
  EXPECT_EQ(result.exit_code, 3) << Show(result);
  EXPECT_THAT(result.err, HasSubstr("is unavailable"));
  EXPECT_EQ(
      down.Run({"api-key", "verify", "AAAAAAAAAAAAAAAA", "--resource", "cloud"},
               "kwsec_x")
          .exit_code,
      3);
}

TEST_F(CliTest, LoginStoresAPrivateContextThatLaterCommandsUse) {
  CliRunner cli("");  // no KEYWARD_URL: only the context knows the server
  const std::string url = server_->process().address();
  const CliResult login = cli.Run(
      {"login", "--api-key", CallerKey(), "--url", url}, CallerSecret() + "\n");
  ASSERT_EQ(login.exit_code, 0) << Show(login);
  EXPECT_THAT(login.out + login.err, Not(HasSubstr(CallerSecret())));

  EXPECT_EQ(PermissionBits(cli.context_file()), 0600);
  EXPECT_EQ(PermissionBits(cli.home() + "/.config/keyward"), 0700);
  std::ifstream in(cli.context_file());
  const Json context = Json::parse(in);
  EXPECT_EQ(context["url"], url);
  EXPECT_EQ(context["api_key"], CallerKey());
  EXPECT_EQ(context["api_secret"], CallerSecret());

  const CliResult listed = cli.Run({"environment", "list"});
  EXPECT_EQ(listed.exit_code, 0) << Show(listed);
  EXPECT_THAT(listed.out, StartsWith("ID "));

  const CliResult logout = cli.Run({"logout"});
  EXPECT_EQ(logout.exit_code, 0) << Show(logout);
  EXPECT_FALSE(std::filesystem::exists(cli.context_file()));
  // Without the context the default address is used again.
  EXPECT_THAT(
      cli.Run({"environment", "list"}, "", {{"KEYWARD_URL", ClosedAddress()}})
          .exit_code,
      3);
}

TEST_F(CliTest, LoginWithoutASecretIsAUsageError) {
  const CliResult login = cli_.Run({"login", "--api-key", "K"}, "");
  EXPECT_EQ(login.exit_code, 2) << Show(login);
  EXPECT_FALSE(std::filesystem::exists(cli_.context_file()));
}

TEST_F(CliTest, AnInvitedUserLogsInWithTheTokenAndActsAsThemselves) {
  const std::string user =
      RunJson({"user", "create", "--email", "grace@example.com",
               "--display-name", "Grace"})["id"];

  // Table mode: the token once on stdout, the reminder on stderr.
  const CliResult invited = cli_.Run({"user", "invite", user});
  ASSERT_EQ(invited.exit_code, 0) << Show(invited);
  EXPECT_TRUE(HasLine(invited.out, "User: +" + user)) << invited.out;
  EXPECT_TRUE(HasLine(invited.out, "Expires: +20[-0-9]+T[:0-9]+Z"))
      << invited.out;
  EXPECT_TRUE(HasLine(invited.out, "Token: +kwinv_\\S+")) << invited.out;
  EXPECT_EQ(Count(invited.out, "kwinv_"), 1u);
  EXPECT_THAT(invited.err, HasSubstr("shown only once"));
  EXPECT_THAT(invited.err, Not(HasSubstr("kwinv_")));
  const std::string first_token =
      invited.out.substr(invited.out.find("kwinv_"), 55);

  // -o json: the token as a field. This invitation replaces the first.
  const Json invitation = RunJson({"user", "invite", user});
  EXPECT_EQ(invitation["account_id"], user);
  EXPECT_TRUE(invitation["expire_time"].is_string());
  const std::string token = invitation["token"];
  EXPECT_THAT(token, StartsWith("kwinv_"));

  // Grace has nothing but the token: a fresh HOME, no key, no KEYWARD_URL.
  CliRunner grace("");
  const std::string url = server_->process().address();
  const CliResult stale =
      grace.Run({"login", "--invitation", "--url", url}, first_token + "\n");
  EXPECT_EQ(stale.exit_code, 1) << Show(stale);
  EXPECT_THAT(stale.err,
              HasSubstr("invalid, expired or already used invitation"));
  EXPECT_FALSE(std::filesystem::exists(grace.context_file()));

  const CliResult login =
      grace.Run({"login", "--invitation", "--url", url}, token + "\n");
  ASSERT_EQ(login.exit_code, 0) << Show(login);
  EXPECT_THAT(login.out, HasSubstr("Redeemed the invitation of " + user));
  EXPECT_THAT(login.out + login.err,
              AllOf(Not(HasSubstr("kwsec_")), Not(HasSubstr(token))));
  EXPECT_EQ(PermissionBits(grace.context_file()), 0600);
  std::ifstream in(grace.context_file());
  const Json context = Json::parse(in);
  EXPECT_EQ(context["url"], url);
  const std::string key = context["api_key"];
  EXPECT_THAT(key, MatchesRegex("[A-Z0-9]{16}"));
  EXPECT_THAT(context["api_secret"].get<std::string>(), StartsWith("kwsec_"));
  EXPECT_THAT(login.out, HasSubstr("API key " + key));

  // Every later command is Grace's own.
  const CliResult me = grace.Run({"user", "describe", user});
  EXPECT_EQ(me.exit_code, 0) << Show(me);
  EXPECT_THAT(me.out, HasSubstr("grace@example.com"));
  const CliResult keys = grace.Run({"api-key", "list", "-o", "json"});
  ASSERT_EQ(keys.exit_code, 0) << Show(keys);
  const Json listed = ParseJson(keys);
  ASSERT_EQ(listed.size(), 1u) << listed.dump(2);
  EXPECT_EQ(listed[0]["id"], key);
  EXPECT_EQ(listed[0]["owner_id"], user);
  EXPECT_EQ(listed[0]["created_by"], user);
  EXPECT_EQ(listed[0]["resource_id"], "cloud");
  EXPECT_THAT(listed[0]["description"].get<std::string>(),
              StartsWith("keyward login on "));
  const CliResult not_admin = grace.Run(
      {"environment", "create", "--display-name", "Mine", "--stage", "dev"});
  EXPECT_EQ(not_admin.exit_code, 1) << Show(not_admin);
  EXPECT_THAT(not_admin.err, HasSubstr("[not_authorized]"));

  // The token worked once.
  CliRunner again("");
  const CliResult reused = again.Run(
      {"login", "--invitation", "--url", url, "--description", "again"},
      token + "\n");
  EXPECT_EQ(reused.exit_code, 1) << Show(reused);
  EXPECT_FALSE(std::filesystem::exists(again.context_file()));
}

TEST_F(CliTest, UserInviteDryRunAndLoginInvitationUsage) {
  const std::string user =
      RunJson({"user", "create", "--email", "hopper@example.com",
               "--display-name", "Grace H."})["id"];
  const CliResult dry_run =
      cli_.Run({"user", "invite", user, "--dry-run", "-o", "json"});
  ASSERT_EQ(dry_run.exit_code, 0) << Show(dry_run);
  const Json invitation = ParseJson(dry_run);
  EXPECT_EQ(invitation["account_id"], user);
  EXPECT_FALSE(invitation.contains("token"));
  EXPECT_THAT(dry_run.err, HasSubstr("Dry run"));

  const CliResult service_account =
      cli_.Run({"user", "invite", CreateServiceAccount()});
  EXPECT_EQ(service_account.exit_code, 2) << Show(service_account);
  EXPECT_THAT(service_account.err, HasSubstr("is not a user id"));

  CliRunner fresh("");
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"login"},
           {"login", "--invitation", "--api-key", "K"},
           {"login", "--api-key", "K", "--description", "x"},
           {"login", "--invitation"}}) {
    const CliResult usage = fresh.Run(args, "");  // empty stdin: no token
    EXPECT_EQ(usage.exit_code, 2) << Show(usage);
    EXPECT_THAT(usage.err, HasSubstr("Usage: keyward login"));
  }
  EXPECT_FALSE(std::filesystem::exists(fresh.context_file()));

  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"login", "--help"},
                                             {"user", "invite", "--help"}}) {
    const CliResult help = cli_.Run(args);
    EXPECT_EQ(help.exit_code, 0) << Show(help);
    EXPECT_THAT(help.out, HasSubstr("invitation"));
  }
}

TEST_F(CliTest, OnATerminalLoginDoesNotEchoTheSecret) {
  const CliResult login = cli_.RunOnTerminal(
      {"login", "--api-key", "TTYKEY0000000000"},
      {{"API secret for TTYKEY0000000000: ", "kwsec_typed-secret\r"}});
  EXPECT_EQ(login.exit_code, 0) << login.out;
  EXPECT_THAT(login.out, Not(HasSubstr("kwsec_typed-secret")));
  EXPECT_THAT(login.out, HasSubstr("Logged in to "));
  std::ifstream in(cli_.context_file());
  EXPECT_EQ(Json::parse(in)["api_secret"], "kwsec_typed-secret");
}

TEST_F(CliTest, OnATerminalStoreDoesNotEchoTheSecret) {
  const Json key = RunJson(
      {"api-key", "create", "--resource", "cloud", "--description", "typed"});
  const std::string id = key["id"];
  const std::string secret = key["secret"];
  const CliResult stored =
      cli_.RunOnTerminal({"api-key", "store", id},
                         {{"API secret for " + id + ": ", secret + "\r"}});
  EXPECT_EQ(stored.exit_code, 0) << stored.out;
  EXPECT_THAT(stored.out, Not(HasSubstr(secret)));
  EXPECT_EQ(
      cli_.Run({"api-key", "verify", id, "--resource", "cloud"}).exit_code, 0);
}

TEST_F(CliTest, OnATerminalDeleteAsksForConfirmation) {
  const std::string resource = CreateKafka(CreateEnvironment());
  const std::string owner = CreateServiceAccount();
  const std::string id =
      RunJson({"api-key", "create", "--resource", resource, "--service-account",
               owner, "--description", "k"})["id"];

  const CliResult declined = cli_.RunOnTerminal(
      {"api-key", "delete", id}, {{"Delete 1 API key(s)? [y/N] ", "n\r"}});
  EXPECT_EQ(declined.exit_code, 1) << declined.out;
  EXPECT_THAT(declined.out, HasSubstr("nothing was deleted"));
  EXPECT_EQ(cli_.Run({"api-key", "describe", id}).exit_code, 0);

  const CliResult accepted = cli_.RunOnTerminal(
      {"api-key", "delete", id}, {{"Delete 1 API key(s)? [y/N] ", "y\r"}});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out;
  EXPECT_THAT(accepted.out, HasSubstr("Deleted API key " + id + "."));
  EXPECT_EQ(cli_.Run({"api-key", "describe", id}).exit_code, 1);
}

TEST_F(CliTest, RoleBindingAndAuditCommandsReportTheServersAnswer) {
  // Until the server implements these services it answers UNIMPLEMENTED;
  // cli_fake_server_test covers their output against a server that does.
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"role-binding", "list"},
           {"audit", "list", "--since", "1h"},
           {"role-binding", "create", "--principal", "u-00000000", "--role",
            "KeyVerifier", "--scope", "organization"}}) {
    const CliResult result = cli_.Run(args);
    if (result.exit_code == 0) continue;  // implemented by now
    EXPECT_EQ(result.exit_code, 1) << Show(result);
    EXPECT_THAT(result.err, StartsWith("Error: "));
  }
}

TEST_F(CliTest, EventsWatchPrintsEachEventWithItsCursorAndResumes) {
  // A start cursor from the API, so that the watches below end by --limit.
  EventWatch start(server_->channel(), v1::WatchEventsRequest());
  const std::string cursor = start.StartCursor();
  const std::string first = CreateServiceAccount();
  const std::string second = CreateServiceAccount();

  // Both --action flags count (the last alone would match nothing here).
  const CliResult json =
      cli_.Run({"events", "watch", "--after", cursor, "--action",
                "service_account.create", "--action", "api_key.delete",
                "--limit", "2", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << Show(json);
  std::vector<Json> lines;
  std::istringstream text(json.out);
  for (std::string line; std::getline(text, line);) {
    lines.push_back(Json::parse(line));
  }
  ASSERT_EQ(lines.size(), 3u) << json.out;  // the start, then the events
  EXPECT_EQ(lines[0]["cursor"], cursor);
  EXPECT_EQ(lines[1]["event"]["action"], "service_account.create");
  EXPECT_EQ(lines[1]["event"]["target_id"], first);
  EXPECT_EQ(lines[2]["event"]["target_id"], second);

  // Resuming after the first event: the second, one line in table mode.
  const CliResult table =
      cli_.Run({"events", "watch", "--after",
                lines[1]["cursor"].get<std::string>(), "--limit", "1"});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_TRUE(HasLine(table.out, ".*  " + server_->admin_id() +
                                     "  service_account.create  " + second +
                                     "  allowed"))
      << table.out;
  EXPECT_THAT(table.err, HasSubstr("--after "));
}

TEST_F(CliTest, EventsWatchRefusesABadCursorOrAction) {
  const CliResult cursor =
      cli_.Run({"events", "watch", "--after", "not-a-cursor"});
  EXPECT_EQ(cursor.exit_code, 1) << Show(cursor);
  EXPECT_THAT(cursor.err, HasSubstr("after"));
  const CliResult action =
      cli_.Run({"events", "watch", "--action", "api_key.explode"});
  EXPECT_EQ(action.exit_code, 1) << Show(action);
  EXPECT_THAT(action.err, HasSubstr("actions"));
  const CliResult limit = cli_.Run({"events", "watch", "--limit", "0"});
  EXPECT_EQ(limit.exit_code, 2) << Show(limit);
}

}  // namespace
}  // namespace keyward::testing

namespace keyward::testing {
namespace {

TEST_F(CliTest, WebhookCreateListDeliveriesDelete) {
  const Json created =
      RunJson({"webhook", "create", "--endpoint", "http://127.0.0.1:9/hook",
               "--action", "environment.create,environment.delete",
               "--description", "tickets for new environments"});
  const std::string id = created["id"];
  EXPECT_THAT(id, MatchesRegex("wh-[a-z0-9]{8}"));
  EXPECT_THAT(created["signing_secret"].get<std::string>(),
              StartsWith("kwwhs_"));
  EXPECT_EQ(created["actions"],
            Json::array({"environment.create", "environment.delete"}));

  const CliResult listed = cli_.Run({"webhook", "list"});
  EXPECT_EQ(listed.exit_code, 0) << Show(listed);
  EXPECT_THAT(listed.out, AllOf(HasSubstr(id), HasSubstr("127.0.0.1:9"),
                                Not(HasSubstr("kwwhs_"))));

  // Nothing listens on port 9: the delivery fails and stays pending.
  const std::string environment = CreateEnvironment();
  Json deliveries;
  ASSERT_TRUE(Eventually("a failed attempt to show", [&] {
    deliveries = RunJson({"webhook", "deliveries", id});
    return deliveries.size() == 1 && deliveries[0]["attempts"] >= 1;
  }));
  EXPECT_EQ(deliveries[0]["action"], "environment.create");
  EXPECT_EQ(deliveries[0]["status"], "DELIVERY_STATUS_PENDING");
  EXPECT_THAT(deliveries[0]["last_error"].get<std::string>(),
              HasSubstr("connect"));

  const CliResult denied = cli_.Run(
      {"webhook", "create", "--endpoint", "http://hooks.example.com/x"});
  EXPECT_EQ(denied.exit_code, 1) << Show(denied);
  EXPECT_THAT(denied.err, HasSubstr("webhook_https_required"));

  const CliResult deleted = cli_.Run({"webhook", "delete", id, "--force"});
  EXPECT_EQ(deleted.exit_code, 0) << Show(deleted);
  EXPECT_THAT(deleted.out, HasSubstr("Deleted webhook " + id));
  EXPECT_THAT(cli_.Run({"webhook", "list"}).out, Not(HasSubstr(id)));
  EXPECT_EQ(cli_.Run({"webhook", "deliveries", id}).exit_code, 1);
  (void)environment;
}

}  // namespace
}  // namespace keyward::testing
