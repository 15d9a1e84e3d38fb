// Policy enforcement end to end: keywardd against the real PostgreSQL and an
// OPA of this suite's own serving the default bundle (policy/).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/audit.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/policy.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "tests/support/eventually.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/opa_process.h"
#include "tests/support/scoped_policy.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Rules(
    const google::protobuf::RepeatedPtrField<v1::PolicyViolation>& items) {
  std::vector<std::string> rules;
  for (const auto& item : items) rules.push_back(item.rule());
  return rules;
}

// The PolicyDecisionDetails in a denial's grpc-status-details-bin.
v1::PolicyDecisionDetails DenialDetails(const grpc::Status& status) {
  v1::RpcStatus rpc_status;
  v1::PolicyDecisionDetails details;
  EXPECT_TRUE(rpc_status.ParseFromString(status.error_details()));
  EXPECT_EQ(rpc_status.code(), status.error_code());
  EXPECT_EQ(rpc_status.details_size(), 1);
  if (rpc_status.details_size() == 1) {
    EXPECT_TRUE(rpc_status.details(0).UnpackTo(&details));
  }
  return details;
}

// The PolicyDecisionDetails an allowed write sent back in its trailer.
std::optional<v1::PolicyDecisionDetails> TrailerDetails(
    const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto it = trailers.find("keyward-policy-decision-bin");
  if (it == trailers.end()) return std::nullopt;
  v1::PolicyDecisionDetails details;
  EXPECT_TRUE(details.ParseFromString(
      std::string(it->second.data(), it->second.size())));
  return details;
}

google::protobuf::Timestamp DaysFromNow(int days) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count() +
                        days * 86400);
  return timestamp;
}

class PolicyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    opa_ = new OpaProcess();
    server_ = new KeywardServer({{"KEYWARD_OPA_URL", opa_->url()},
                                 {"KEYWARD_OPA_TOKEN_FILE", opa_->token_file()},
                                 {"KEYWARD_OPA_TIMEOUT", "500ms"},
                                 {"KEYWARD_LAST_USED_FLUSH_INTERVAL", "50ms"}});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete opa_;
  }

  void SetUp() override {
    environments_ = v1::EnvironmentService::NewStub(server_->channel());
    resources_ = v1::ResourceService::NewStub(server_->channel());
    keys_ = v1::ApiKeyService::NewStub(server_->channel());
    audit_ = v1::AuditService::NewStub(server_->channel());
  }

  // A user's keys are created by that user alone: the admin is one.
  std::string User() const { return server_->admin_id(); }

  static v1::CreateApiKeyRequest KeyRequest(const std::string& owner,
                                            const std::string& resource) {
    v1::CreateApiKeyRequest request;
    request.set_owner_id(owner);
    request.set_resource_id(resource);
    request.set_description("orders producer");
    return request;
  }

  grpc::Status CreateKey(const v1::CreateApiKeyRequest& request,
                         v1::CreateApiKeyResponse* response,
                         grpc::ClientContext* context = nullptr) {
    auto own = KeywardServer::Context();
    return keys_->CreateApiKey(context != nullptr ? context : own.get(),
                               request, response);
  }

  static OpaProcess* opa_;
  static KeywardServer* server_;
  std::unique_ptr<v1::EnvironmentService::Stub> environments_;
  std::unique_ptr<v1::ResourceService::Stub> resources_;
  Fixtures make_{server_->channel()};
  std::unique_ptr<v1::ApiKeyService::Stub> keys_;
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

OpaProcess* PolicyTest::opa_ = nullptr;
KeywardServer* PolicyTest::server_ = nullptr;

TEST_F(PolicyTest,
       AKeyWithoutDescriptionIsDeniedAndOnlyItsAuditEventIsWritten) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string cluster = make_.ClusterIn("dev");
  v1::CreateApiKeyRequest request = KeyRequest(owner, cluster);
  request.set_description("   ");
  const int keys = server_->db().Count("api_keys");
  const int events = server_->db().Count("audit_events");

  v1::CreateApiKeyResponse response;
  const grpc::Status status = CreateKey(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(),
              HasSubstr("[description_required] a description is required"));
  const v1::PolicyDecisionDetails details = DenialDetails(status);
  EXPECT_THAT(Rules(details.violations()), ElementsAre("description_required"));
  EXPECT_FALSE(details.decision_id().empty());
  EXPECT_EQ(response.secret(), "");

  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_EQ(server_->db().Count("audit_events"), events + 1);
  const auto rows = server_->db().Query(
      "SELECT allowed, validate_only, violations->0->>'rule', decision_id, "
      "target_id FROM audit_events ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(rows[0][0], "f");
  EXPECT_EQ(rows[0][1], "f");
  EXPECT_EQ(rows[0][2], "description_required");
  EXPECT_EQ(rows[0][3], details.decision_id());
  EXPECT_EQ(rows[0][4], "");  // a denied create names no object
}

TEST_F(PolicyTest, UserOwnedKeysAreDeniedInProdButServiceAccountKeysAreNot) {
  const std::string prod = make_.ClusterIn("prod");
  v1::CreateApiKeyRequest request = KeyRequest(User(), prod);
  *request.mutable_expire_time() = DaysFromNow(30);
  v1::CreateApiKeyResponse response;
  const grpc::Status denied = CreateKey(request, &response);
  ASSERT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(Rules(DenialDetails(denied).violations()),
              ElementsAre("no_user_keys_in_prod"));

  request.set_owner_id(make_.ServiceAccount().Create().id());
  const grpc::Status allowed = CreateKey(request, &response);
  EXPECT_TRUE(allowed.ok()) << allowed.error_message();
  EXPECT_FALSE(response.secret().empty());

  v1::CreateApiKeyRequest dev = KeyRequest(User(), make_.ClusterIn("dev"));
  EXPECT_TRUE(CreateKey(dev, &response).ok());
}

TEST_F(PolicyTest, ProdKeysMustExpireWithinTheConfiguredLifetime) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string prod = make_.ClusterIn("prod");
  v1::CreateApiKeyResponse response;

  v1::CreateApiKeyRequest forever = KeyRequest(owner, prod);
  const grpc::Status no_expiry = CreateKey(forever, &response);
  ASSERT_EQ(no_expiry.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(Rules(DenialDetails(no_expiry).violations()),
              ElementsAre("prod_keys_expire"));
  EXPECT_THAT(no_expiry.error_message(), HasSubstr("365 days"));

  v1::CreateApiKeyRequest too_long = KeyRequest(owner, prod);
  *too_long.mutable_expire_time() = DaysFromNow(400);
  EXPECT_EQ(CreateKey(too_long, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::CreateApiKeyRequest ninety_days = KeyRequest(owner, prod);
  *ninety_days.mutable_expire_time() = DaysFromNow(90);
  EXPECT_TRUE(CreateKey(ninety_days, &response).ok());
}

TEST_F(PolicyTest, ValidateOnlyReportsTheViolationsTheRealCallWould) {
  v1::CreateApiKeyRequest request = KeyRequest(User(), make_.ClusterIn("prod"));
  request.set_description("");
  v1::CreateApiKeyResponse response;
  const grpc::Status real = CreateKey(request, &response);
  request.set_validate_only(true);
  const grpc::Status dry = CreateKey(request, &response);

  ASSERT_EQ(real.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_EQ(dry.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(Rules(DenialDetails(real).violations()),
              ElementsAre("description_required", "no_user_keys_in_prod",
                          "prod_keys_expire"));
  EXPECT_EQ(Rules(DenialDetails(dry).violations()),
            Rules(DenialDetails(real).violations()));
  EXPECT_EQ(server_->db().QueryValue("SELECT validate_only FROM audit_events "
                                     "ORDER BY id DESC LIMIT 1"),
            "t");
}

TEST_F(PolicyTest, WarningsOfAllowedWritesComeBackInTrailingMetadata) {
  v1::CreateApiKeyResponse response;
  grpc::ClientContext context;
  KeywardServer::Authorize(context);
  ASSERT_TRUE(CreateKey(KeyRequest(User(), "cloud"), &response, &context).ok());
  const auto details = TrailerDetails(context);
  ASSERT_TRUE(details.has_value());
  EXPECT_THAT(Rules(details->warnings()), ElementsAre("user_cloud_key"));
  EXPECT_FALSE(details->decision_id().empty());
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT warnings->0->>'rule' FROM audit_events WHERE "
                "target_id = '" +
                response.api_key().id() + "'"),
            "user_cloud_key");
}

TEST_F(PolicyTest, DeletingARecentlyUsedKeyWarns) {
  const std::string cluster = make_.ClusterIn("dev");
  v1::CreateApiKeyResponse key;
  ASSERT_TRUE(
      CreateKey(KeyRequest(make_.ServiceAccount().Create().id(), cluster), &key)
          .ok());
  v1::VerifyApiKeyRequest verify;
  verify.set_key(key.api_key().id());
  verify.set_secret(key.secret());
  verify.set_resource_id(cluster);
  v1::VerifyApiKeyResponse verified;
  ASSERT_TRUE(
      keys_->VerifyApiKey(KeywardServer::Context().get(), verify, &verified)
          .ok());
  ASSERT_TRUE(verified.valid());
  // last_used_time reaches the database with the next batch.
  ASSERT_TRUE(Eventually("last_used_time to be written", [&] {
    return server_->db().Count("api_keys",
                               "id = '" + key.api_key().id() +
                                   "' AND last_used_time IS NOT NULL") == 1;
  }));

  v1::DeleteApiKeyRequest request;
  request.set_id(key.api_key().id());
  v1::DeleteApiKeyResponse deleted;
  grpc::ClientContext context;
  KeywardServer::Authorize(context);
  ASSERT_TRUE(keys_->DeleteApiKey(&context, request, &deleted).ok());
  const auto details = TrailerDetails(context);
  ASSERT_TRUE(details.has_value());
  EXPECT_THAT(Rules(details->warnings()), ElementsAre("key_recently_used"));
}

TEST_F(PolicyTest, AStoppedOpaMeansUnavailableAndNothingChanges) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string cluster = make_.ClusterIn("dev");
  const int keys = server_->db().Count("api_keys");
  opa_->Stop();
  v1::CreateApiKeyResponse response;
  const grpc::Status status = CreateKey(KeyRequest(owner, cluster), &response);
  opa_->Start();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("policy engine unavailable"));
  EXPECT_THAT(status.error_message(), HasSubstr("nothing was changed"));
  // Where OPA runs is the operator's business: the log says, the caller not.
  EXPECT_THAT(status.error_message(), Not(HasSubstr("127.0.0.1")));
  EXPECT_THAT(server_->process().log(),
              HasSubstr("policy engine unavailable: "));
  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT violations->0->>'rule' FROM audit_events ORDER BY id "
                "DESC LIMIT 1"),
            "policy_unavailable");

  EXPECT_TRUE(CreateKey(KeyRequest(owner, cluster), &response).ok());
}

TEST_F(PolicyTest, APausedOpaIsUnavailableWithinTheDeadlineNotAHang) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string cluster = make_.ClusterIn("dev");
  const int keys = server_->db().Count("api_keys");
  opa_->Pause();
  v1::CreateApiKeyResponse response;
  grpc::ClientContext context;
  KeywardServer::Authorize(context);
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  const grpc::Status status =
      CreateKey(KeyRequest(owner, cluster), &response, &context);
  opa_->Resume();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(server_->db().Count("api_keys"), keys);
  EXPECT_TRUE(CreateKey(KeyRequest(owner, cluster), &response).ok());
}

TEST_F(PolicyTest, ARuleAddedAtRunTimeChangesTheNextDecision) {
  v1::CreateEnvironmentRequest request;
  request.set_display_name("Quality");
  request.set_stage("qa");
  request.set_validate_only(true);
  v1::Environment environment;
  ASSERT_TRUE(environments_
                  ->CreateEnvironment(KeywardServer::Context().get(), request,
                                      &environment)
                  .ok());

  const ScopedPolicy no_qa(*opa_, "no_qa.rego", R"rego(package keyward

violation contains {"rule": "no_qa", "message": "qa environments are retired"} if {
	input.action == "environment.create"
	input.request.stage == "qa"
}
)rego");
  const grpc::Status status = environments_->CreateEnvironment(
      KeywardServer::Context().get(), request, &environment);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(),
              HasSubstr("[no_qa] qa environments are retired"));
}

// The creation facts (owner, resource with environment, key counts) are
// read in one query; a rule over the counts sees the owner's real numbers.
TEST_F(PolicyTest, ARuleSeesHowManyKeysTheOwnerHolds) {
  const std::string owner = make_.ServiceAccount().Create().id();
  const std::string cluster = make_.ClusterIn("dev");
  v1::CreateApiKeyResponse response;
  ASSERT_TRUE(CreateKey(KeyRequest(owner, cluster), &response).ok());
  ASSERT_TRUE(CreateKey(KeyRequest(owner, "cloud"), &response).ok());
  ASSERT_TRUE(CreateKey(KeyRequest(owner, "cloud"), &response).ok());

  std::string rule = R"rego(package keyward

violation contains {"rule": "counted", "message": sprintf("%d in all, %d on %s in %s", [
	input.target.key_counts.owner_total,
	input.target.key_counts.owner_on_resource,
	input.target.resource.id,
	object.get(input.target.resource, ["environment", "stage"], "no environment"),
])} if {
	input.action == "api_key.create"
	input.request.owner_id == "OWNER"
}
)rego";
  rule.replace(rule.find("OWNER"), 5, owner);
  const ScopedPolicy counted(*opa_, "counted.rego", rule);
  // A dry run: it creates nothing that would change the counts.
  v1::CreateApiKeyRequest on_cluster = KeyRequest(owner, cluster);
  on_cluster.set_validate_only(true);
  grpc::Status status = CreateKey(on_cluster, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(),
              HasSubstr("[counted] 3 in all, 1 on " + cluster + " in dev"));

  v1::CreateApiKeyRequest on_cloud = KeyRequest(owner, "cloud");
  status = CreateKey(on_cloud, &response);
  EXPECT_THAT(status.error_message(),
              HasSubstr("[counted] 3 in all, 2 on cloud in no environment"));
}

TEST_F(PolicyTest, TheAuditTrailListsDecisionsWithFiltersAndPages) {
  const std::string owner = make_.ServiceAccount().Create().id();
  v1::CreateApiKeyRequest denied = KeyRequest(owner, "cloud");
  denied.set_description("");
  v1::CreateApiKeyResponse response;
  for (int i = 0; i < 3; ++i) CreateKey(denied, &response);
  ASSERT_TRUE(CreateKey(KeyRequest(owner, "cloud"), &response).ok());

  v1::ListAuditEventsRequest request;
  request.set_action("api_key.create");
  request.set_allowed(false);
  request.set_page_size(2);
  std::vector<v1::AuditEvent> events;
  std::string token;
  do {
    request.set_page_token(token);
    v1::ListAuditEventsResponse page;
    ASSERT_TRUE(
        audit_->ListAuditEvents(KeywardServer::Context().get(), request, &page)
            .ok());
    for (const auto& event : page.audit_events()) events.push_back(event);
    token = page.next_page_token();
  } while (!token.empty());
  ASSERT_GE(events.size(), 3u);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_FALSE(events[i].allowed());
    EXPECT_EQ(events[i].action(), "api_key.create");
    if (i > 0) {
      EXPECT_LT(std::stoll(events[i].id()), std::stoll(events[i - 1].id()));
    }
  }
  EXPECT_THAT(Rules(events[0].violations()),
              ElementsAre("description_required"));
  EXPECT_EQ(events[0].actor_id(), server_->admin_id());
  EXPECT_THAT(events[0].request_summary(), HasSubstr(owner));

  v1::ListAuditEventsRequest by_target;
  by_target.set_target_id(response.api_key().id());
  v1::ListAuditEventsResponse target_page;
  ASSERT_TRUE(audit_
                  ->ListAuditEvents(KeywardServer::Context().get(), by_target,
                                    &target_page)
                  .ok());
  ASSERT_EQ(target_page.audit_events_size(), 1);
  EXPECT_TRUE(target_page.audit_events(0).allowed());

  v1::ListAuditEventsRequest bad;
  bad.set_action("api_key.explode");
  v1::ListAuditEventsResponse ignored;
  const grpc::Status status =
      audit_->ListAuditEvents(KeywardServer::Context().get(), bad, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("action:"));
}

// Every event of a full walk with page_size 1 for `request`'s filters, as
// `authorization` (the admin when empty) sees them.
std::vector<v1::AuditEvent> WalkAuditEvents(
    v1::AuditService::Stub& audit, v1::ListAuditEventsRequest request,
    const std::string& authorization = "") {
  std::vector<v1::AuditEvent> events;
  request.set_page_size(1);
  std::string token;
  int pages = 0;
  do {
    request.set_page_token(token);
    auto context = KeywardServer::Context();
    if (!authorization.empty()) {
      context = std::make_unique<grpc::ClientContext>();
      context->AddMetadata("authorization", authorization);
    }
    v1::ListAuditEventsResponse page;
    const grpc::Status status =
        audit.ListAuditEvents(context.get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& event : page.audit_events()) events.push_back(event);
    token = page.next_page_token();
  } while (!token.empty() && ++pages < 100);
  return events;
}

std::vector<std::string> Actions(const std::vector<v1::AuditEvent>& events) {
  std::vector<std::string> actions;
  for (const auto& event : events) {
    actions.push_back(event.action() + (event.allowed() ? "" : " denied") +
                      (event.validate_only() ? " dry-run" : ""));
  }
  return actions;
}

TEST_F(PolicyTest, DeniedAndDryRunCreatesAreFoundByTheirSubjects) {
  const std::string cluster = make_.ClusterIn("dev");
  v1::Resource resource;
  {
    v1::GetResourceRequest get;
    get.set_id(cluster);
    ASSERT_TRUE(
        resources_->GetResource(KeywardServer::Context().get(), get, &resource)
            .ok());
  }
  const std::string owner = make_.ServiceAccount().Create().id();
  v1::CreateApiKeyResponse response;
  v1::CreateApiKeyRequest denied = KeyRequest(owner, cluster);
  denied.set_description("");
  ASSERT_EQ(CreateKey(denied, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CreateApiKeyRequest dry_run = KeyRequest(owner, cluster);
  dry_run.set_validate_only(true);
  ASSERT_TRUE(CreateKey(dry_run, &response).ok());

  v1::ListAuditEventsRequest key_creates;
  key_creates.set_action("api_key.create");
  for (const std::string& subject :
       {cluster, owner, resource.environment_id()}) {
    key_creates.set_subject_id(subject);
    const std::vector<v1::AuditEvent> events =
        WalkAuditEvents(*audit_, key_creates);
    EXPECT_THAT(Actions(events),
                ElementsAre("api_key.create dry-run", "api_key.create denied"))
        << subject;
    for (const auto& event : events) {
      EXPECT_EQ(event.target_id(), "");
      EXPECT_THAT(event.subject_ids(),
                  ElementsAre(owner, cluster, resource.environment_id()));
    }
  }

  // Paging under the filter: the owner's own creation, then both calls.
  v1::ListAuditEventsRequest by_owner;
  by_owner.set_subject_id(owner);
  const std::vector<v1::AuditEvent> owner_events =
      WalkAuditEvents(*audit_, by_owner);
  EXPECT_THAT(Actions(owner_events),
              ElementsAre("api_key.create dry-run", "api_key.create denied",
                          "service_account.create"));
  EXPECT_THAT(owner_events[2].subject_ids(), ElementsAre(owner));

  // A page token belongs to its filter.
  by_owner.set_page_size(1);
  v1::ListAuditEventsResponse first;
  ASSERT_TRUE(
      audit_->ListAuditEvents(KeywardServer::Context().get(), by_owner, &first)
          .ok());
  ASSERT_FALSE(first.next_page_token().empty());
  v1::ListAuditEventsRequest by_cluster;
  by_cluster.set_subject_id(cluster);
  by_cluster.set_page_token(first.next_page_token());
  v1::ListAuditEventsResponse ignored;
  EXPECT_EQ(audit_
                ->ListAuditEvents(KeywardServer::Context().get(), by_cluster,
                                  &ignored)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // Unrelated subjects find nothing.
  key_creates.set_subject_id(make_.ServiceAccount().Create().id());
  EXPECT_THAT(WalkAuditEvents(*audit_, key_creates), ::testing::IsEmpty());
  key_creates.set_subject_id("lkc-zzzzzzzz");
  EXPECT_THAT(WalkAuditEvents(*audit_, key_creates), ::testing::IsEmpty());

  // A caller without an organization role reads only its own events: the
  // subject filter shows it nothing of the admin's.
  const std::string nobody = make_.ServiceAccount().Create().id();
  ASSERT_TRUE(CreateKey(KeyRequest(nobody, "cloud"), &response).ok());
  const std::string nobody_authorization = KeywardServer::BasicAuthorization(
      response.api_key().id() + ":" + response.secret());
  for (const std::string& subject : {cluster, owner, nobody}) {
    by_owner.set_subject_id(subject);
    by_owner.clear_page_token();
    EXPECT_THAT(WalkAuditEvents(*audit_, by_owner, nobody_authorization),
                ::testing::IsEmpty())
        << subject;
  }
}

}  // namespace
}  // namespace keyward::testing
