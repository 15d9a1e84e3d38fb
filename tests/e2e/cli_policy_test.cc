// `keyward policy findings` end to end: the built CLI against keywardd and a
// real PostgreSQL and OPA, after `keywardd compliance` has evaluated the
// keys — its table, its JSON, its filters and a bad filter's exit code.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

std::string Show(const CliResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout:\n" +
         result.out + "\nstderr:\n" + result.err;
}

TEST(CliPolicyTest, PolicyFindingsListsTheLastEvaluationsFindings) {
  KeywardServer server(std::map<std::string, std::string>{
      {"KEYWARD_COMPLIANCE_INTERVAL", "24h"}});
  Fixtures make(server.channel());
  const std::string environment = make.Environment().Stage("dev").Create().id();
  const std::string cluster = make.KafkaCluster(environment).Create().id();
  const std::string key =
      make.ApiKey(make.ServiceAccount().Create().id(), cluster)
          .Create()
          .api_key()
          .id();
  // Made 400 days ago and never used: due for rotation, and unused.
  server.db().Query(
      "UPDATE api_keys SET create_time = now() - interval '400 days' "
      "WHERE id = '" +
      key + "'");

  KeywarddProcess evaluation(
      {{"KEYWARD_DATABASE_URL", server.db().url()},
       {"KEYWARD_OPA_URL", RequiredEnv("KEYWARD_TEST_OPA_URL")}},
      {"compliance"});
  ASSERT_EQ(evaluation.RunToExit(), 0) << evaluation.log();
  const Json summary = Json::parse(
      evaluation.log().substr(evaluation.log().rfind("{\"findings\"")), nullptr,
      false);
  ASSERT_FALSE(summary.is_discarded()) << evaluation.log();
  EXPECT_GE(summary["keys_evaluated"].get<int>(), 2);  // and the admin's
  EXPECT_GE(summary["findings"].get<int>(), 2);

  CliRunner cli(server.process().address(),
                {{"KEYWARD_API_KEY", server.admin_key()},
                 {"KEYWARD_API_SECRET", server.admin_secret()}});
  const CliResult table =
      cli.Run({"policy", "findings", "--environment", environment});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_THAT(table.out, HasSubstr("RULE"));
  EXPECT_THAT(table.out, HasSubstr("key_older_than_max_age"));
  EXPECT_THAT(table.out, HasSubstr("unused_key"));
  EXPECT_THAT(table.out, HasSubstr(key));

  const CliResult json =
      cli.Run({"policy", "findings", "--environment", environment, "--rule",
               "unused_key", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << Show(json);
  const Json findings = Json::parse(json.out, nullptr, false);
  ASSERT_TRUE(findings.is_array()) << Show(json);
  ASSERT_EQ(findings.size(), 1u) << Show(json);
  EXPECT_EQ(findings[0]["rule"], "unused_key");
  EXPECT_EQ(findings[0]["severity"], "LOW");
  EXPECT_EQ(findings[0]["api_key_id"], key);
  EXPECT_EQ(findings[0]["resource_id"], cluster);
  EXPECT_EQ(findings[0]["environment_id"], environment);

  const CliResult bad =
      cli.Run({"policy", "findings", "--environment", "production"});
  EXPECT_EQ(bad.exit_code, 1) << Show(bad);
  EXPECT_THAT(bad.err, HasSubstr("environment_id"));
}

}  // namespace
}  // namespace keyward::testing
