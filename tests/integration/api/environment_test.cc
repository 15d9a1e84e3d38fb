// EnvironmentService over gRPC against keywardd and the real PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"
#include "tests/support/rows.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class EnvironmentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new KeywardServer(); }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    stub_ = v1::EnvironmentService::NewStub(server_->channel());
  }

  grpc::Status Delete(const std::string& id, bool force, bool validate_only,
                      v1::DeleteEnvironmentResponse* response,
                      bool ignore_active_keys = false) {
    v1::DeleteEnvironmentRequest request;
    request.set_id(id);
    request.set_force(force);
    request.set_validate_only(validate_only);
    request.set_ignore_active_keys(ignore_active_keys);
    return stub_->DeleteEnvironment(KeywardServer::Context().get(), request,
                                    response);
  }

  static KeywardServer* server_;
  std::unique_ptr<v1::EnvironmentService::Stub> stub_;
  Fixtures make_{server_->channel()};
  Rows rows_{server_->db()};
};

KeywardServer* EnvironmentTest::server_ = nullptr;

TEST_F(EnvironmentTest, CreateThenGetReturnsTheStoredEnvironment) {
  const v1::Environment created =
      make_.Environment().Named("Payments").Stage("prod").Create();
  EXPECT_THAT(created.id(), MatchesRegex("env-[a-z0-9]{8}"));
  EXPECT_EQ(created.stage(), "prod");
  EXPECT_GT(created.create_time().seconds(), 0);

  v1::GetEnvironmentRequest get;
  get.set_id(created.id());
  v1::Environment fetched;
  ASSERT_TRUE(
      stub_->GetEnvironment(KeywardServer::Context().get(), get, &fetched)
          .ok());
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(EnvironmentTest, BadInputIsInvalidArgumentNamingTheField) {
  struct Case {
    std::string display_name, stage, field;
  };
  for (const Case& c :
       std::vector<Case>{{"", "dev", "display_name"},
                         {std::string(1025, 'x'), "dev", "display_name"},
                         {"tab\tname", "dev", "display_name"},
                         {"ok", "", "stage"},
                         {"ok", "Prod", "stage"},
                         {"ok", "9lives", "stage"},
                         {"ok", std::string(33, 'a'), "stage"}}) {
    v1::CreateEnvironmentRequest request;
    request.set_display_name(c.display_name);
    request.set_stage(c.stage);
    v1::Environment environment;
    const grpc::Status status = stub_->CreateEnvironment(
        KeywardServer::Context().get(), request, &environment);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.field + ":"));
  }
}

TEST_F(EnvironmentTest, GetOfAnUnknownOrMalformedIdIsNotFoundOrInvalid) {
  v1::GetEnvironmentRequest get;
  v1::Environment environment;
  get.set_id("env-zzzzzzzz");
  EXPECT_EQ(
      stub_->GetEnvironment(KeywardServer::Context().get(), get, &environment)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  get.set_id("sa-zzzzzzzz");
  const grpc::Status wrong_kind =
      stub_->GetEnvironment(KeywardServer::Context().get(), get, &environment);
  EXPECT_EQ(wrong_kind.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(wrong_kind.error_message(),
              HasSubstr("id: must be an environment id"));
}

TEST_F(EnvironmentTest, ValidateOnlyCreateWritesNothing) {
  const int environments = server_->db().Count("environments");
  const int audit_events = server_->db().Count("audit_events");
  const int dry_runs = server_->db().Count("audit_events", "validate_only");
  v1::CreateEnvironmentRequest request;
  request.set_display_name("Dry run");
  request.set_stage("dev");
  request.set_validate_only(true);
  v1::Environment environment;
  ASSERT_TRUE(stub_
                  ->CreateEnvironment(KeywardServer::Context().get(), request,
                                      &environment)
                  .ok());
  EXPECT_EQ(environment.id(), "");
  EXPECT_EQ(environment.display_name(), "Dry run");
  EXPECT_EQ(server_->db().Count("environments"), environments);
  // Nothing but the dry run's own audit event is written.
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events + 1);
  EXPECT_EQ(server_->db().Count("audit_events", "validate_only"), dry_runs + 1);
}

TEST_F(EnvironmentTest, UpdateChangesOnlyTheMaskedFields) {
  const v1::Environment created =
      make_.Environment().Named("Before").Stage("dev").Create();
  v1::UpdateEnvironmentRequest update;
  update.set_id(created.id());
  update.set_display_name("After");
  update.set_stage("staging");
  update.mutable_update_mask()->add_paths("display_name");
  v1::Environment updated;
  ASSERT_TRUE(
      stub_->UpdateEnvironment(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.display_name(), "After");
  EXPECT_EQ(updated.stage(), "dev");

  update.mutable_update_mask()->set_paths(0, "create_time");
  const grpc::Status bad_path = stub_->UpdateEnvironment(
      KeywardServer::Context().get(), update, &updated);
  EXPECT_EQ(bad_path.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad_path.error_message(), HasSubstr("update_mask"));
}

TEST_F(EnvironmentTest,
       DeletingAnEnvironmentWithResourcesNeedsForceAndCascades) {
  const v1::Environment environment =
      make_.Environment().Named("Cascade").Create();
  const std::string cluster = rows_.KafkaCluster(environment.id());

  v1::DeleteEnvironmentResponse response;
  const grpc::Status refused =
      Delete(environment.id(), false, false, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("holds 1 resource"));

  ASSERT_TRUE(Delete(environment.id(), true, true, &response).ok());
  EXPECT_TRUE(response.validate_only());
  EXPECT_THAT(response.deleted_resource_ids(), ::testing::ElementsAre(cluster));
  EXPECT_EQ(server_->db().Count("resources", "id = '" + cluster + "'"), 1);

  ASSERT_TRUE(Delete(environment.id(), true, false, &response).ok());
  EXPECT_EQ(server_->db().Count("resources", "id = '" + cluster + "'"), 0);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "NOT validate_only AND action = "
                                "'environment.delete' AND target_id = '" +
                                    environment.id() + "'"),
            1);
}

TEST_F(EnvironmentTest, ACascadeOverAKeyInUseNeedsIgnoreActiveKeys) {
  const v1::Environment environment =
      make_.Environment().Named("Busy").Create();
  const v1::Environment other = make_.Environment().Named("Other").Create();
  const std::string busy_cluster1 = rows_.KafkaCluster(environment.id());
  const std::string busy_cluster2 = rows_.KafkaCluster(environment.id());
  const std::string other_cluster = rows_.KafkaCluster(other.id());
  const std::string admin = server_->admin_id();
  const std::string idle =
      rows_.ApiKey(admin, busy_cluster1, "now() - interval '1 hour'");
  const std::string busy = rows_.ApiKey(admin, busy_cluster2, "now()");
  const std::string other_key = rows_.ApiKey(admin, other_cluster, "now()");
  const std::string all_keys =
      "id IN ('" + idle + "', '" + busy + "', '" + other_key + "')";
  const std::string deletes =
      "NOT validate_only AND action = 'environment.delete' AND target_id = '" +
      environment.id() + "'";

  v1::DeleteEnvironmentResponse response;
  for (bool validate_only : {false, true}) {
    const grpc::Status refused =
        Delete(environment.id(), true, validate_only, &response);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(refused.error_message(),
                HasSubstr("environment " + environment.id() +
                          " has keys used in the last 15m: " + busy +
                          "; pass ignore_active_keys to delete anyway"));
    EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr(idle)));
  }
  // Without force the environment's resources refuse it first.
  const grpc::Status not_empty =
      Delete(environment.id(), false, false, &response, true);
  EXPECT_EQ(not_empty.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(not_empty.error_message(), HasSubstr("holds 2 resource"));
  EXPECT_EQ(
      server_->db().Count("environments", "id = '" + environment.id() + "'"),
      1);
  EXPECT_EQ(server_->db().Count("resources",
                                "environment_id = '" + environment.id() + "'"),
            2);
  EXPECT_EQ(server_->db().Count("api_keys", all_keys), 3);
  EXPECT_EQ(server_->db().Count("audit_events", deletes), 0);

  const grpc::Status ignored =
      Delete(environment.id(), true, false, &response, true);
  ASSERT_TRUE(ignored.ok()) << ignored.error_message();
  EXPECT_THAT(response.deleted_api_key_ids(),
              ::testing::ElementsAre(idle, busy));
  EXPECT_EQ(
      server_->db().Count("environments", "id = '" + environment.id() + "'"),
      0);
  EXPECT_EQ(server_->db().Count("api_keys", all_keys), 1);
  EXPECT_EQ(
      server_->db().Count(
          "audit_events",
          deletes + " AND request_summary->>'ignore_active_keys' = 'true'"),
      1);
}

TEST_F(EnvironmentTest, ACascadeOverKeysUsedLongAgoGoesAhead) {
  const v1::Environment environment =
      make_.Environment().Named("Quiet").Create();
  const std::string key =
      rows_.ApiKey(server_->admin_id(), rows_.KafkaCluster(environment.id()),
                   "now() - interval '16 min'");
  v1::DeleteEnvironmentResponse response;
  const grpc::Status status = Delete(environment.id(), true, false, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(response.deleted_api_key_ids(), ::testing::ElementsAre(key));
  EXPECT_EQ(server_->db().Count("api_keys", "id = '" + key + "'"), 0);
}

TEST_F(EnvironmentTest, ListPagesThroughEveryEnvironmentExactlyOnce) {
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i)
    created.insert(
        make_.Environment().Named("page " + std::to_string(i)).Create().id());

  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListEnvironmentsRequest request;
    request.set_page_size(3);
    request.set_page_token(token);
    v1::ListEnvironmentsResponse response;
    ASSERT_TRUE(stub_
                    ->ListEnvironments(KeywardServer::Context().get(), request,
                                       &response)
                    .ok());
    for (const auto& e : response.environments()) {
      EXPECT_TRUE(seen.insert(e.id()).second) << "twice: " << e.id();
    }
    // An environment created mid-walk must not disturb the walk.
    if (pages == 0) make_.Environment().Named("inserted while paging").Create();
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 100);
  for (const std::string& id : created) EXPECT_TRUE(seen.count(id)) << id;
}

TEST_F(EnvironmentTest, ForgedPageTokensAndBadPageSizesAreInvalidArgument) {
  make_.Environment().Named("a").Create();
  make_.Environment().Named("b").Create();
  v1::ListEnvironmentsRequest request;
  request.set_page_size(1);
  v1::ListEnvironmentsResponse response;
  ASSERT_TRUE(
      stub_
          ->ListEnvironments(KeywardServer::Context().get(), request, &response)
          .ok());
  std::string token = response.next_page_token();
  ASSERT_FALSE(token.empty());
  token[2] = token[2] == 'A' ? 'B' : 'A';

  for (const std::string& bad :
       {token, std::string("garbage"), std::string(".")}) {
    request.set_page_token(bad);
    const grpc::Status status = stub_->ListEnvironments(
        KeywardServer::Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  }
  request.clear_page_token();
  for (int size : {-1, 101}) {
    request.set_page_size(size);
    const grpc::Status status = stub_->ListEnvironments(
        KeywardServer::Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << size;
    EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  }
}

}  // namespace
}  // namespace keyward::testing
