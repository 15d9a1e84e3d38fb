// OPA's own REST API is closed (DESIGN.md §3): against the OPA scripts/test
// starts (the way scripts/run does) and against one a test starts itself,
// only keywardd's decision call with the token, and GET /health, get through.
// Policies and data cannot be changed or read over HTTP, with or without
// the token.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>

#include "services/opa/opa_client.h"
#include "tests/support/opa_process.h"
#include "tests/support/test_environment.h"

namespace keyward::opa {
namespace {

constexpr char kDecisionPath[] = "/v1/data/keyward/decision";

// A CreateApiKey without a description: governance must deny it.
nlohmann::json KeyWithoutDescription() {
  return {{"action", "api_key.create"},
          {"caller",
           {{"id", "u-00000001"},
            {"type", "USER"},
            {"role_bindings",
             {{{"role", "OrganizationAdmin"}, {"scope", "organization"}}}}}},
          {"request", {{"owner_id", "sa-00000001"}, {"description", ""}}},
          {"target", nlohmann::json::object()},
          {"validate_only", true},
          {"now", "2026-12-02T00:00:00Z"}};
}

std::string DecisionBody() {
  return nlohmann::json{{"input", KeyWithoutDescription()}}.dump();
}

bool Refused(const httplib::Result& reply) {
  return reply && (reply->status == 401 || reply->status == 403);
}

std::string Describe(const httplib::Result& reply) {
  if (!reply) return "no reply: " + httplib::to_string(reply.error());
  return "HTTP " + std::to_string(reply->status) + ": " + reply->body;
}

// Every check, for the OPA at `url` whose decision token is `token`.
void ExpectClosed(const std::string& url, const std::string& token) {
  httplib::Client anonymous(url);
  httplib::Client keywardd(url);
  keywardd.set_bearer_token_auth(token);
  httplib::Client guesser(url);
  guesser.set_bearer_token_auth("not-the-token");
  for (httplib::Client* client : {&anonymous, &keywardd, &guesser}) {
    client->set_connection_timeout(5, 0);
    client->set_read_timeout(5, 0);
  }
  const std::string rego = "package x\n\nallow := true\n";

  // Health is open to anyone, with or without a query string.
  for (const char* path : {"/health", "/health?bundles"}) {
    auto health = anonymous.Get(path);
    EXPECT_TRUE(health && health->status == 200) << Describe(health);
  }

  // The policy cannot be switched off, replaced or read: not without a
  // token, and not with keywardd's token either.
  for (httplib::Client* client : {&anonymous, &keywardd, &guesser}) {
    auto put_policy = client->Put("/v1/policies/x", rego, "text/plain");
    EXPECT_TRUE(Refused(put_policy)) << Describe(put_policy);
    auto delete_policy = client->Delete("/v1/policies/keyward/governance.rego");
    EXPECT_TRUE(Refused(delete_policy)) << Describe(delete_policy);
    auto list_policies = client->Get("/v1/policies");
    EXPECT_TRUE(Refused(list_policies)) << Describe(list_policies);
    auto put_data =
        client->Put("/v1/data/keyward/limits", "{}", "application/json");
    EXPECT_TRUE(Refused(put_data)) << Describe(put_data);
    auto patch_data = client->Patch("/v1/data", "[]", "application/json");
    EXPECT_TRUE(Refused(patch_data)) << Describe(patch_data);
    auto get_data = client->Get("/v1/data");
    EXPECT_TRUE(Refused(get_data)) << Describe(get_data);
    auto query =
        client->Post("/v1/query", R"({"query": "x := 1"})", "application/json");
    EXPECT_TRUE(Refused(query)) << Describe(query);
  }

  // The decision call needs the token.
  auto without =
      anonymous.Post(kDecisionPath, DecisionBody(), "application/json");
  EXPECT_TRUE(Refused(without)) << Describe(without);
  auto guessed =
      guesser.Post(kDecisionPath, DecisionBody(), "application/json");
  EXPECT_TRUE(Refused(guessed)) << Describe(guessed);
  auto with = keywardd.Post(kDecisionPath, DecisionBody(), "application/json");
  ASSERT_TRUE(with) << Describe(with);
  EXPECT_EQ(with->status, 200) << with->body;

  // After all those attempts the governance policy still decides: a key
  // without a description is denied.
  const nlohmann::json reply = nlohmann::json::parse(with->body);
  ASSERT_TRUE(reply.contains("result")) << with->body;
  EXPECT_EQ(reply["result"]["allow"], false) << with->body;
  bool description_required = false;
  for (const auto& violation : reply["result"]["violations"]) {
    if (violation["rule"] == "description_required") {
      description_required = true;
    }
  }
  EXPECT_TRUE(description_required) << with->body;
}

std::chrono::system_clock::time_point InSeconds(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

std::string ScriptsTestToken() {
  std::string token =
      testing::ReadFile(testing::RequiredEnv("KEYWARD_TEST_OPA_TOKEN_FILE"));
  while (!token.empty() && token.back() == '\n') token.pop_back();
  return token;
}

TEST(OpaClosedTest, TheOpaScriptsStartAdmitsOnlyDecisionsAndHealth) {
  const std::string token = ScriptsTestToken();
  ASSERT_FALSE(token.empty());
  ExpectClosed(testing::RequiredEnv("KEYWARD_TEST_OPA_URL"), token);
}

TEST(OpaClosedTest, AnOpaATestStartsIsClosedTheSameWay) {
  testing::OpaProcess opa;
  ExpectClosed(opa.url(), opa.token());
}

// keywardd's client: with the token it gets decisions; without it, or with
// another one, every decision is UNAVAILABLE (fail closed), and the error
// carries neither a token nor where OPA runs.
TEST(OpaClosedTest, OpaClientNeedsTheToken) {
  testing::OpaProcess opa;
  OpaClient with_token(opa.url(), opa.token());
  auto decision = with_token.Decide(KeyWithoutDescription(), InSeconds(10));
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_FALSE(decision->allow);

  OpaClient without_token(opa.url());
  auto refused = without_token.Decide(KeyWithoutDescription(), InSeconds(10));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable);

  OpaClient wrong_token(opa.url(), "wrong-token-value");
  auto wrong = wrong_token.Decide(KeyWithoutDescription(), InSeconds(10));
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kUnavailable);
  const std::string message(wrong.status().message());
  // Why (an HTTP 401 from OPA's address) is for the log, not the caller.
  EXPECT_EQ(message, "policy engine unavailable");
  EXPECT_EQ(message.find("wrong-token-value"), std::string::npos) << message;
  EXPECT_EQ(message.find(opa.token()), std::string::npos) << message;
}

// A batch of one user's key on a resource where the user holds no role.
nlohmann::json OrphanedKeyBatch() {
  return {{"now", "2026-12-02T00:00:00.000000Z"},
          {"keys",
           {{{"id", "ABCDEFGHIJKLMNOP"},
             {"owner_id", "u-00000001"},
             {"owner_type", "USER"},
             {"resource_id", "lkc-00000001"},
             {"environment_id", "env-00000001"},
             {"stage", "dev"},
             {"state", "ACTIVE"},
             {"create_time", "2026-12-01T00:00:00.000000Z"},
             {"expire_time", nullptr},
             {"last_used_time", nullptr},
             {"owner_role_bindings", nlohmann::json::array()}}}}};
}

TEST(OpaClosedTest, OpaClientAsksForFindingsWithTheToken) {
  testing::OpaProcess opa;
  OpaClient with_token(opa.url(), opa.token());
  auto findings = with_token.Findings(OrphanedKeyBatch(), InSeconds(10));
  ASSERT_TRUE(findings.ok()) << findings.status();
  ASSERT_EQ(findings->size(), 1u);
  EXPECT_EQ((*findings)[0].api_key_id, "ABCDEFGHIJKLMNOP");
  EXPECT_EQ((*findings)[0].rule, "orphaned_user_key");
  EXPECT_EQ((*findings)[0].severity, "HIGH");

  OpaClient without_token(opa.url());
  EXPECT_EQ(
      without_token.Findings(OrphanedKeyBatch(), InSeconds(10)).status().code(),
      absl::StatusCode::kUnavailable);
  // The token opens the findings and nothing else of the package.
  httplib::Client keywardd(opa.url());
  keywardd.set_bearer_token_auth(opa.token());
  const std::string body = nlohmann::json{{"input", OrphanedKeyBatch()}}.dump();
  for (const char* path :
       {"/v1/data/keyward/compliance", "/v1/data/keyward/compliance/finding"}) {
    auto reply = keywardd.Post(path, body, "application/json");
    EXPECT_TRUE(Refused(reply)) << path << ": " << Describe(reply);
  }
}

}  // namespace
}  // namespace keyward::opa
