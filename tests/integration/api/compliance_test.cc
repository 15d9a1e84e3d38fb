// Compliance findings against keywardd, the real PostgreSQL and OPA with the
// default bundle: the seed's Bob example end to end through the gRPC API,
// what ListFindings shows whom (visibility, filters, paging, page tokens),
// a deleted key's findings, an evaluation that cannot reach OPA, and the
// background sweeper. Evaluations run as operators run them, through
// `keywardd compliance`, except in the sweeper's test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <set>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/compliance.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/keywardd_process.h"
#include "tests/support/test_environment.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// "<rule> <api_key_id>" of each finding, for compact assertions.
std::vector<std::string> Summaries(const std::vector<v1::Finding>& findings) {
  std::vector<std::string> summaries;
  for (const v1::Finding& finding : findings) {
    summaries.push_back(finding.rule() + " " + finding.api_key_id());
  }
  return summaries;
}

class ComplianceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The sweeper evaluates once at start and then not again during the
    // test: the tests run their evaluations themselves.
    server_ = new KeywardServer(std::map<std::string, std::string>{
        {"KEYWARD_COMPLIANCE_INTERVAL", "24h"}});
  }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    ASSERT_TRUE(Eventually("the start-up evaluation to finish", [&] {
      return server_->db().Count("compliance_runs",
                                 "evaluate_time IS NOT NULL AND "
                                 "lease_until < now()") == 1;
    }));
  }

  // Runs `keywardd compliance` against the server's database and OPA (or
  // `opa_url`); its exit code, and its output in `log`.
  static int RunEvaluation(std::string* log = nullptr,
                           const std::string& opa_url = "") {
    KeywarddProcess evaluation(
        {{"KEYWARD_DATABASE_URL", server_->db().url()},
         {"KEYWARD_OPA_URL",
          opa_url.empty() ? RequiredEnv("KEYWARD_TEST_OPA_URL") : opa_url}},
        {"compliance"});
    const int code = evaluation.RunToExit();
    if (log != nullptr) *log = evaluation.log();
    return code;
  }
  static void Evaluate() {
    std::string log;
    ASSERT_EQ(RunEvaluation(&log), 0) << log;
    EXPECT_THAT(log, HasSubstr("\"keys_evaluated\":"));
  }

  static grpc::Status List(const v1::ListFindingsRequest& request,
                           v1::ListFindingsResponse* response,
                           const std::optional<std::string>& as = {}) {
    auto stub = v1::ComplianceService::NewStub(server_->channel());
    return stub->ListFindings(CallContext(as).get(), request, response);
  }
  // Every finding, following page tokens.
  static std::vector<v1::Finding> AllFindings(
      v1::ListFindingsRequest request,
      const std::optional<std::string>& as = {}) {
    std::vector<v1::Finding> findings;
    do {
      v1::ListFindingsResponse response;
      const grpc::Status status = List(request, &response, as);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      findings.insert(findings.end(), response.findings().begin(),
                      response.findings().end());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return findings;
  }
  static std::vector<v1::Finding> FindingsIn(
      const std::string& environment_id,
      const std::optional<std::string>& as = {}) {
    v1::ListFindingsRequest request;
    request.set_environment_id(environment_id);
    return AllFindings(request, as);
  }

  // A user with their first (Cloud) key, redeemed from an invitation; the
  // "authorization" value that calls as them.
  std::string InvitedUser(std::string* user_id) {
    *user_id = make_.User().Create().id();
    auto accounts = v1::AccountService::NewStub(server_->channel());
    v1::CreateInvitationRequest invite;
    invite.set_account_id(*user_id);
    v1::Invitation invitation;
    EXPECT_TRUE(
        accounts->CreateInvitation(CallContext().get(), invite, &invitation)
            .ok());
    v1::RedeemInvitationRequest redeem;
    redeem.set_token(invitation.token());
    redeem.set_description("laptop");
    v1::CreateApiKeyResponse key;
    grpc::ClientContext anonymous;
    EXPECT_TRUE(accounts->RedeemInvitation(&anonymous, redeem, &key).ok());
    return KeywardServer::BasicAuthorization(Credentials(key));
  }

  // A service account's key on `cluster` made `days` ago and never used:
  // old enough for key_older_than_max_age (365 days outside prod) and
  // unused_key (90 days).
  std::string OldKey(const std::string& cluster, int days = 400) {
    const std::string id =
        make_.ApiKey(make_.ServiceAccount().Create().id(), cluster)
            .Create()
            .api_key()
            .id();
    server_->db().Query("UPDATE api_keys SET create_time = now() - interval '" +
                        std::to_string(days) + " days' WHERE id = '" + id +
                        "'");
    return id;
  }

  static KeywardServer* server_;
  Fixtures make_{server_->channel()};
};

KeywardServer* ComplianceTest::server_ = nullptr;

// The seed's example: Bob loses his role, his key keeps working, and the
// compliance findings say so.
TEST_F(ComplianceTest, BobsKeyOnAnEnvironmentHeNoLongerHoldsARoleOnIsFound) {
  const std::string environment =
      make_.Environment().Stage("dev").Create().id();
  const std::string cluster = make_.KafkaCluster(environment).Create().id();
  std::string bob;
  const std::string as_bob = InvitedUser(&bob);
  const v1::RoleBinding binding =
      make_.RoleBinding(bob, "EnvironmentAdmin", environment).Create();
  const v1::CreateApiKeyResponse key =
      make_.ApiKey(bob, cluster).As(as_bob).Create();
  ASSERT_FALSE(key.api_key().id().empty());

  Evaluate();
  EXPECT_THAT(FindingsIn(environment), IsEmpty())
      << "Bob holds a role there: nothing to find";

  auto bindings = v1::RoleBindingService::NewStub(server_->channel());
  v1::DeleteRoleBindingRequest remove;
  remove.set_id(binding.id());
  v1::DeleteRoleBindingResponse removed;
  ASSERT_TRUE(
      bindings->DeleteRoleBinding(CallContext().get(), remove, &removed).ok());
  auto keys = v1::ApiKeyService::NewStub(server_->channel());
  EXPECT_TRUE(
      VerifyKey(*keys, key.api_key().id(), key.secret(), cluster).valid())
      << "removing a role binding does not stop a key";

  Evaluate();
  const std::vector<v1::Finding> findings = FindingsIn(environment);
  ASSERT_EQ(findings.size(), 1u);
  const v1::Finding& finding = findings[0];
  EXPECT_EQ(finding.rule(), "orphaned_user_key");
  EXPECT_EQ(finding.severity(), "HIGH");
  EXPECT_EQ(finding.api_key_id(), key.api_key().id());
  EXPECT_EQ(finding.owner_id(), bob);
  EXPECT_EQ(finding.resource_id(), cluster);
  EXPECT_EQ(finding.environment_id(), environment);
  EXPECT_THAT(finding.message(), HasSubstr(bob));
  EXPECT_THAT(finding.message(), HasSubstr(cluster));

  // Bob holds no role anywhere now: his Cloud key is found too.
  v1::ListFindingsRequest orphans;
  orphans.set_rule("orphaned_user_key");
  std::set<std::string> orphaned;
  for (const v1::Finding& f : AllFindings(orphans)) {
    if (f.owner_id() == bob) orphaned.insert(f.resource_id());
  }
  EXPECT_EQ(orphaned, (std::set<std::string>{"cloud", cluster}));

  v1::ListFindingsResponse response;
  ASSERT_TRUE(List(orphans, &response).ok());
  EXPECT_TRUE(response.has_evaluate_time());
}

TEST_F(ComplianceTest, FindingsNameOnlyTheKeysThatBreakARule) {
  const std::string cluster = make_.ClusterIn("dev");
  const std::string old_key = OldKey(cluster);
  const std::string unused_key = OldKey(cluster, 100);
  OldKey(cluster, 0);  // new and never used: nothing to find yet

  Evaluate();
  const std::string environment = server_->db().QueryValue(
      "SELECT environment_id FROM resources WHERE id = '" + cluster + "'");
  EXPECT_THAT(Summaries(FindingsIn(environment)),
              UnorderedElementsAre("key_older_than_max_age " + old_key,
                                   "unused_key " + old_key,
                                   "unused_key " + unused_key));
}

TEST_F(ComplianceTest, ACallerSeesFindingsOnlyAboutKeysItMaySee) {
  const std::string env_a = make_.Environment().Stage("dev").Create().id();
  const std::string env_b = make_.Environment().Stage("dev").Create().id();
  const std::string key_a = OldKey(make_.KafkaCluster(env_a).Create().id());
  const std::string key_b = OldKey(make_.KafkaCluster(env_b).Create().id());
  std::string carol;
  const std::string as_carol = InvitedUser(&carol);
  make_.RoleBinding(carol, "EnvironmentAdmin", env_a).Create();

  Evaluate();
  v1::ListFindingsRequest unused;
  unused.set_rule("unused_key");
  std::set<std::string> seen_by_admin, seen_by_carol;
  for (const v1::Finding& f : AllFindings(unused)) {
    seen_by_admin.insert(f.api_key_id());
  }
  for (const v1::Finding& f : AllFindings(unused, as_carol)) {
    seen_by_carol.insert(f.api_key_id());
  }
  EXPECT_TRUE(seen_by_admin.count(key_a) && seen_by_admin.count(key_b));
  EXPECT_EQ(seen_by_carol, std::set<std::string>{key_a});
  EXPECT_THAT(FindingsIn(env_b, as_carol), IsEmpty());
}

TEST_F(ComplianceTest, FiltersAreCheckedAndAnUnknownRuleFindsNothing) {
  const std::string cluster = make_.ClusterIn("dev");
  OldKey(cluster);
  Evaluate();

  v1::ListFindingsResponse response;
  v1::ListFindingsRequest request;
  request.set_environment_id("not-an-environment");
  grpc::Status status = List(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("environment_id"));

  request.set_environment_id(cluster);  // a resource id is no environment
  EXPECT_EQ(List(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  request.Clear();
  request.set_rule("no_such_rule");
  ASSERT_TRUE(List(request, &response).ok());
  EXPECT_THAT(response.findings(), IsEmpty());
  EXPECT_TRUE(response.next_page_token().empty());

  request.Clear();
  request.set_page_size(101);
  EXPECT_EQ(List(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ComplianceTest, PagesAreFullAndTokensBelongToTheirCallerAndFilters) {
  const std::string environment =
      make_.Environment().Stage("dev").Create().id();
  const std::string cluster = make_.KafkaCluster(environment).Create().id();
  for (int i = 0; i < 3; ++i) OldKey(cluster);  // two findings each
  Evaluate();

  v1::ListFindingsRequest request;
  request.set_environment_id(environment);
  request.set_page_size(4);
  v1::ListFindingsResponse first;
  ASSERT_TRUE(List(request, &first).ok());
  EXPECT_EQ(first.findings_size(), 4);
  ASSERT_FALSE(first.next_page_token().empty());

  request.set_page_token(first.next_page_token());
  v1::ListFindingsResponse second;
  ASSERT_TRUE(List(request, &second).ok());
  EXPECT_EQ(second.findings_size(), 2);
  EXPECT_TRUE(second.next_page_token().empty());
  std::set<std::string> distinct;
  for (const auto* page : {&first, &second}) {
    for (const v1::Finding& f : page->findings()) {
      distinct.insert(f.rule() + " " + f.api_key_id());
    }
  }
  EXPECT_EQ(distinct.size(), 6u);

  // The token is bound to its filters and to its caller.
  v1::ListFindingsResponse ignored;
  v1::ListFindingsRequest other_filter = request;
  other_filter.set_rule("unused_key");
  EXPECT_EQ(List(other_filter, &ignored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  std::string someone;
  const std::string as_someone = InvitedUser(&someone);
  EXPECT_EQ(List(request, &ignored, as_someone).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ComplianceTest, ADeletedKeysFindingsVanishAtOnce) {
  const std::string environment =
      make_.Environment().Stage("dev").Create().id();
  const std::string cluster = make_.KafkaCluster(environment).Create().id();
  const std::string doomed = OldKey(cluster);
  const std::string kept = OldKey(cluster);
  Evaluate();
  ASSERT_EQ(FindingsIn(environment).size(), 4u);

  auto keys = v1::ApiKeyService::NewStub(server_->channel());
  v1::DeleteApiKeyRequest remove;
  remove.set_id(doomed);
  v1::DeleteApiKeyResponse removed;
  ASSERT_TRUE(keys->DeleteApiKey(CallContext().get(), remove, &removed).ok());
  EXPECT_THAT(Summaries(FindingsIn(environment)),
              UnorderedElementsAre("key_older_than_max_age " + kept,
                                   "unused_key " + kept));
}

TEST_F(ComplianceTest, AnEvaluationThatCannotReachOpaKeepsThePreviousFindings) {
  const std::string environment =
      make_.Environment().Stage("dev").Create().id();
  const std::string cluster = make_.KafkaCluster(environment).Create().id();
  const std::string key = OldKey(cluster);
  Evaluate();
  const std::string evaluated_at =
      server_->db().QueryValue("SELECT evaluate_time FROM compliance_runs");
  const std::vector<std::string> before = Summaries(FindingsIn(environment));
  ASSERT_EQ(before.size(), 2u);
  OldKey(cluster);  // would add findings, were the evaluation to succeed

  std::string log;
  // Port 1 on loopback: nothing listens there.
  EXPECT_NE(RunEvaluation(&log, "http://127.0.0.1:1"), 0);
  EXPECT_THAT(log, HasSubstr("policy engine unavailable"));
  EXPECT_THAT(Summaries(FindingsIn(environment)),
              UnorderedElementsAre("key_older_than_max_age " + key,
                                   "unused_key " + key));
  EXPECT_EQ(
      server_->db().QueryValue("SELECT evaluate_time FROM compliance_runs"),
      evaluated_at);
  // The failed evaluation gave its lease back: the next one runs.
  Evaluate();
  EXPECT_EQ(FindingsIn(environment).size(), 4u);
}

TEST(ComplianceSweeperTest, KeywarddEvaluatesByItselfEveryInterval) {
  KeywardServer server(std::map<std::string, std::string>{
      {"KEYWARD_COMPLIANCE_INTERVAL", "200ms"}});
  Fixtures make(server.channel());
  const std::string environment = make.Environment().Stage("dev").Create().id();
  const std::string cluster = make.KafkaCluster(environment).Create().id();
  const std::string key =
      make.ApiKey(make.ServiceAccount().Create().id(), cluster)
          .Create()
          .api_key()
          .id();
  server.db().Query(
      "UPDATE api_keys SET create_time = now() - interval '100 days' "
      "WHERE id = '" +
      key + "'");

  auto stub = v1::ComplianceService::NewStub(server.channel());
  v1::ListFindingsRequest request;
  request.set_environment_id(environment);
  EXPECT_TRUE(Eventually("the sweeper to find the unused key", [&] {
    v1::ListFindingsResponse response;
    return stub->ListFindings(CallContext().get(), request, &response).ok() &&
           response.findings_size() == 1 &&
           response.findings(0).rule() == "unused_key" &&
           response.findings(0).api_key_id() == key;
  }));
  // Stopping keywardd mid-sweep is prompt and clean (SIGTERM → exit 0).
  EXPECT_EQ(server.process().Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace keyward::testing
