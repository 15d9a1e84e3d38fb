// ResourceService over gRPC against keywardd and the real PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"
#include "tests/support/rows.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class ResourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new KeywardServer(); }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    stub_ = v1::ResourceService::NewStub(server_->channel());
  }

  std::string Environment(const std::string& name = "Team") {
    return make_.Environment().Named(name).Create().id();
  }

  std::string ServiceAccount() {
    return make_.ServiceAccount().Named("owner").Create().id();
  }

  static v1::CreateResourceRequest Request(const std::string& environment_id,
                                           v1::ResourceKind kind) {
    v1::CreateResourceRequest request;
    request.set_environment_id(environment_id);
    request.set_kind(kind);
    request.set_display_name("orders");
    request.set_cloud("aws");
    request.set_region("us-east-1");
    return request;
  }

  grpc::Status Create(const v1::CreateResourceRequest& request,
                      v1::Resource* resource) {
    return stub_->CreateResource(KeywardServer::Context().get(), request,
                                 resource);
  }

  v1::Resource Create(const std::string& environment_id,
                      v1::ResourceKind kind) {
    v1::Resource resource;
    const grpc::Status status =
        Create(Request(environment_id, kind), &resource);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resource;
  }

  grpc::Status Get(const std::string& id, v1::Resource* resource) {
    v1::GetResourceRequest request;
    request.set_id(id);
    return stub_->GetResource(KeywardServer::Context().get(), request,
                              resource);
  }

  grpc::Status List(const std::string& environment_id, v1::ResourceKind kind,
                    int page_size, const std::string& token,
                    v1::ListResourcesResponse* response) {
    v1::ListResourcesRequest request;
    request.set_environment_id(environment_id);
    request.set_kind(kind);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return stub_->ListResources(KeywardServer::Context().get(), request,
                                response);
  }

  // Every resource id of a full walk with page_size 1.
  std::vector<std::string> ListAll(const std::string& environment_id,
                                   v1::ResourceKind kind) {
    std::vector<std::string> ids;
    std::string token;
    int pages = 0;
    do {
      v1::ListResourcesResponse response;
      const grpc::Status status =
          List(environment_id, kind, 1, token, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& r : response.resources()) ids.push_back(r.id());
      token = response.next_page_token();
    } while (!token.empty() && ++pages < 200);
    return ids;
  }

  grpc::Status Delete(const std::string& id, bool validate_only,
                      v1::DeleteResourceResponse* response,
                      bool force = false) {
    v1::DeleteResourceRequest request;
    request.set_id(id);
    request.set_validate_only(validate_only);
    request.set_force(force);
    return stub_->DeleteResource(KeywardServer::Context().get(), request,
                                 response);
  }

  // `last_used`: an SQL expression for last_used_time.
  std::string InsertKey(const std::string& owner_id,
                        const std::string& resource_id,
                        const std::string& last_used = "NULL") {
    return Rows(server_->db()).ApiKey(owner_id, resource_id, last_used);
  }

  std::string InsertRoleBinding(const std::string& principal_id,
                                const std::string& resource_id) {
    return Rows(server_->db())
        .RoleBinding(principal_id, "CloudClusterAdmin", resource_id);
  }

  static KeywardServer* server_;
  std::unique_ptr<v1::ResourceService::Stub> stub_;
  Fixtures make_{server_->channel()};
};

KeywardServer* ResourceTest::server_ = nullptr;

TEST_F(ResourceTest, CreateThenGetReturnsItWithAnIdPrefixedByKind) {
  const std::string environment = Environment();
  struct Case {
    v1::ResourceKind kind;
    std::string pattern;
  };
  for (const Case& c : std::vector<Case>{
           {v1::RESOURCE_KIND_KAFKA_CLUSTER, "lkc-[a-z0-9]{8}"},
           {v1::RESOURCE_KIND_SCHEMA_REGISTRY, "lsrc-[a-z0-9]{8}"},
           {v1::RESOURCE_KIND_KSQLDB_APP, "lksqlc-[a-z0-9]{8}"},
           {v1::RESOURCE_KIND_FLINK_REGION, "lfr-[a-z0-9]{8}"}}) {
    const v1::Resource created = Create(environment, c.kind);
    EXPECT_THAT(created.id(), MatchesRegex(c.pattern));
    EXPECT_EQ(created.kind(), c.kind);
    EXPECT_EQ(created.environment_id(), environment);
    EXPECT_EQ(created.display_name(), "orders");
    EXPECT_EQ(created.cloud(), "aws");
    EXPECT_EQ(created.region(), "us-east-1");
    EXPECT_GT(created.create_time().seconds(), 0);

    v1::Resource fetched;
    ASSERT_TRUE(Get(created.id(), &fetched).ok());
    EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
  }
}

TEST_F(ResourceTest, BadInputIsInvalidArgumentNamingTheField) {
  const std::string environment = Environment();
  const int resources = server_->db().Count("resources");
  const auto with = [&](auto change) {
    v1::CreateResourceRequest request =
        Request(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER);
    change(request);
    return request;
  };
  using R = v1::CreateResourceRequest;
  struct Case {
    R request;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{
           {with([](R& r) { r.clear_environment_id(); }),
            "environment_id: is required"},
           {with([](R& r) { r.set_environment_id("sa-abcdefgh"); }),
            "environment_id: must be an environment id"},
           {with([](R& r) { r.set_environment_id("env-ABCDEFGH"); }),
            "environment_id: must be an environment id"},
           {with([](R& r) { r.set_kind(v1::RESOURCE_KIND_UNSPECIFIED); }),
            "kind: is required"},
           {with([](R& r) { r.set_kind(v1::RESOURCE_KIND_CLOUD); }),
            "kind: CLOUD is not a resource kind"},
           {with([](R& r) { r.set_kind(static_cast<v1::ResourceKind>(42)); }),
            "kind:"},
           {with([](R& r) { r.clear_display_name(); }), "display_name:"},
           {with([](R& r) { r.set_display_name(std::string(1025, 'x')); }),
            "display_name:"},
           {with([](R& r) { r.set_display_name("line\nbreak"); }),
            "display_name:"},
           {with([](R& r) { r.clear_cloud(); }), "cloud: is required"},
           {with([](R& r) { r.set_cloud("AWS"); }), "cloud:"},
           {with([](R& r) { r.clear_region(); }), "region: is required"},
           {with([](R& r) { r.set_region("us east"); }), "region:"},
           {with([](R& r) { r.set_region(std::string(33, 'r')); }), "region:"},
       }) {
    v1::Resource resource;
    const grpc::Status status = Create(c.request, &resource);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.expected << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.expected));
  }
  EXPECT_EQ(server_->db().Count("resources"), resources);
}

TEST_F(ResourceTest, AnUnknownEnvironmentIsNotFound) {
  const int resources = server_->db().Count("resources");
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");
  for (bool validate_only : {false, true}) {
    v1::CreateResourceRequest request =
        Request("env-zzzzzzzz", v1::RESOURCE_KIND_KAFKA_CLUSTER);
    request.set_validate_only(validate_only);
    v1::Resource resource;
    const grpc::Status status = Create(request, &resource);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_THAT(status.error_message(),
                HasSubstr("environment env-zzzzzzzz not found"));
  }
  EXPECT_EQ(server_->db().Count("resources"), resources);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);
}

TEST_F(ResourceTest, AnEnvironmentHoldsOneSchemaRegistry) {
  const std::string environment = Environment();
  const v1::Resource first =
      Create(environment, v1::RESOURCE_KIND_SCHEMA_REGISTRY);
  for (bool validate_only : {false, true}) {
    v1::CreateResourceRequest request =
        Request(environment, v1::RESOURCE_KIND_SCHEMA_REGISTRY);
    request.set_validate_only(validate_only);
    v1::Resource resource;
    const grpc::Status status = Create(request, &resource);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_THAT(
        status.error_message(),
        HasSubstr("environment " + environment +
                  " already has a Schema Registry (" + first.id() + ")"));
  }
  EXPECT_EQ(server_->db().Count("resources",
                                "environment_id = '" + environment + "'"),
            1);

  // Other kinds repeat freely; another environment has its own registry.
  Create(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER);
  Create(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER);
  Create(Environment("Other"), v1::RESOURCE_KIND_SCHEMA_REGISTRY);

  // Once the registry is gone a new one may be created.
  v1::DeleteResourceResponse deleted;
  ASSERT_TRUE(Delete(first.id(), false, &deleted).ok());
  Create(environment, v1::RESOURCE_KIND_SCHEMA_REGISTRY);
}

TEST_F(ResourceTest, ParallelSchemaRegistryCreatesLeaveExactlyOne) {
  const std::string environment = Environment("Race");
  constexpr int kCalls = 10;
  const std::vector<grpc::Status> statuses = InParallel(kCalls, [&](int) {
    v1::Resource resource;
    return Create(Request(environment, v1::RESOURCE_KIND_SCHEMA_REGISTRY),
                  &resource);
  });
  int ok = 0, exists = 0;
  for (const grpc::Status& status : statuses) {
    ok += status.ok();
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      ++exists;
      EXPECT_THAT(status.error_message(),
                  MatchesRegex(".*already has a Schema Registry "
                               "\\(lsrc-[a-z0-9]{8}\\)"));
    }
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(exists, kCalls - 1);
  EXPECT_EQ(server_->db().Count("resources",
                                "environment_id = '" + environment + "'"),
            1);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'resource.create' AND "
                                "request_summary->>'environment_id' = '" +
                                    environment + "'"),
            1);
}

TEST_F(ResourceTest, GetOfAnUnknownOrMalformedIdIsNotFoundOrInvalid) {
  v1::Resource resource;
  for (const std::string& unknown :
       {std::string("lkc-zzzzzzzz"), std::string("lsrc-zzzzzzzz"),
        std::string("lksqlc-zzzzzzzz"), std::string("lfr-zzzzzzzz")}) {
    const grpc::Status status = Get(unknown, &resource);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << unknown;
    EXPECT_THAT(status.error_message(), HasSubstr("resource " + unknown));
  }
  for (const std::string& bad :
       {std::string("env-zzzzzzzz"), std::string("sa-zzzzzzzz"),
        std::string("cloud"), std::string("lkc-"), std::string("")}) {
    const grpc::Status status = Get(bad, &resource);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("id:")) << bad;
  }
}

TEST_F(ResourceTest, ValidateOnlyCreateWritesNothing) {
  const std::string environment = Environment();
  const int resources = server_->db().Count("resources");
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");
  const int dry_runs = server_->db().Count("audit_events", "validate_only");
  v1::CreateResourceRequest request =
      Request(environment, v1::RESOURCE_KIND_SCHEMA_REGISTRY);
  request.set_validate_only(true);
  v1::Resource resource;
  ASSERT_TRUE(Create(request, &resource).ok());
  EXPECT_EQ(resource.id(), "");
  EXPECT_EQ(resource.kind(), v1::RESOURCE_KIND_SCHEMA_REGISTRY);
  EXPECT_EQ(resource.environment_id(), environment);
  EXPECT_GT(resource.create_time().seconds(), 0);
  EXPECT_EQ(server_->db().Count("resources"), resources);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);
  // Only the dry run's own audit event is written.
  EXPECT_EQ(server_->db().Count("audit_events", "validate_only"), dry_runs + 1);
  // The dry run reserved nothing: the registry can still be created.
  Create(environment, v1::RESOURCE_KIND_SCHEMA_REGISTRY);
}

TEST_F(ResourceTest, ListFiltersByEnvironmentAndKindAndPagesExactlyOnce) {
  const std::string a = Environment("A");
  const std::string b = Environment("B");
  const std::string kafka1 = Create(a, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();
  const std::string ksql = Create(a, v1::RESOURCE_KIND_KSQLDB_APP).id();
  const std::string kafka2 = Create(a, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();
  const std::string other = Create(b, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();

  EXPECT_THAT(ListAll(a, v1::RESOURCE_KIND_UNSPECIFIED),
              ElementsAre(kafka1, ksql, kafka2));
  EXPECT_THAT(ListAll(a, v1::RESOURCE_KIND_KAFKA_CLUSTER),
              ElementsAre(kafka1, kafka2));
  EXPECT_THAT(ListAll(b, v1::RESOURCE_KIND_UNSPECIFIED), ElementsAre(other));
  EXPECT_THAT(ListAll(a, v1::RESOURCE_KIND_FLINK_REGION), IsEmpty());
  EXPECT_THAT(ListAll("env-zzzzzzzz", v1::RESOURCE_KIND_UNSPECIFIED),
              IsEmpty());

  const std::vector<std::string> kafkas =
      ListAll("", v1::RESOURCE_KIND_KAFKA_CLUSTER);
  const std::set<std::string> kafka_set(kafkas.begin(), kafkas.end());
  EXPECT_EQ(kafka_set.size(), kafkas.size());
  EXPECT_TRUE(kafka_set.count(kafka1) && kafka_set.count(kafka2) &&
              kafka_set.count(other));
  EXPECT_FALSE(kafka_set.count(ksql));
  EXPECT_EQ(static_cast<int>(ListAll("", v1::RESOURCE_KIND_UNSPECIFIED).size()),
            server_->db().Count("resources"));

  // A resource created mid-walk neither repeats nor hides earlier ones.
  v1::ListResourcesResponse response;
  ASSERT_TRUE(List(a, v1::RESOURCE_KIND_UNSPECIFIED, 2, "", &response).ok());
  ASSERT_EQ(response.resources_size(), 2);
  const std::string late = Create(a, v1::RESOURCE_KIND_FLINK_REGION).id();
  ASSERT_TRUE(List(a, v1::RESOURCE_KIND_UNSPECIFIED, 2,
                   response.next_page_token(), &response)
                  .ok());
  EXPECT_THAT(response.resources(),
              ElementsAre(::testing::Property(&v1::Resource::id, kafka2),
                          ::testing::Property(&v1::Resource::id, late)));
  EXPECT_EQ(response.next_page_token(), "");
}

TEST_F(ResourceTest, APageTokenOnlyWorksWithItsOwnFilters) {
  const std::string a = Environment("A");
  const std::string b = Environment("B");
  Create(a, v1::RESOURCE_KIND_KAFKA_CLUSTER);
  Create(a, v1::RESOURCE_KIND_KAFKA_CLUSTER);
  v1::ListResourcesResponse response;
  ASSERT_TRUE(List(a, v1::RESOURCE_KIND_KAFKA_CLUSTER, 1, "", &response).ok());
  const std::string token = response.next_page_token();
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(
      List(a, v1::RESOURCE_KIND_KAFKA_CLUSTER, 5, token, &response).ok());

  struct Case {
    std::string environment_id;
    v1::ResourceKind kind;
  };
  for (const Case& c : std::vector<Case>{{b, v1::RESOURCE_KIND_KAFKA_CLUSTER},
                                         {"", v1::RESOURCE_KIND_KAFKA_CLUSTER},
                                         {a, v1::RESOURCE_KIND_UNSPECIFIED},
                                         {a, v1::RESOURCE_KIND_KSQLDB_APP}}) {
    const grpc::Status status =
        List(c.environment_id, c.kind, 1, token, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.environment_id << " " << c.kind;
    EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  }
}

TEST_F(ResourceTest, MalformedListFiltersAreInvalidArgument) {
  v1::ListResourcesResponse response;
  struct Case {
    std::string environment_id;
    v1::ResourceKind kind;
    int page_size;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{
           {"sa-abcdefgh", v1::RESOURCE_KIND_UNSPECIFIED, 0,
            "environment_id: must be an environment id"},
           {"env", v1::RESOURCE_KIND_UNSPECIFIED, 0, "environment_id:"},
           {"", v1::RESOURCE_KIND_CLOUD, 0, "kind:"},
           {"", static_cast<v1::ResourceKind>(99), 0, "kind:"},
           {"", v1::RESOURCE_KIND_UNSPECIFIED, -1, "page_size"},
           {"", v1::RESOURCE_KIND_UNSPECIFIED, 101, "page_size"}}) {
    const grpc::Status status =
        List(c.environment_id, c.kind, c.page_size, "", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.expected << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.expected));
  }
  const grpc::Status garbage =
      List("", v1::RESOURCE_KIND_UNSPECIFIED, 0, "garbage", &response);
  EXPECT_EQ(garbage.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(garbage.error_message(), HasSubstr("page_token"));
}

TEST_F(ResourceTest, DeleteCascadesToKeysAndRoleBindingsInOneTransaction) {
  const std::string environment = Environment();
  const std::string owner = ServiceAccount();
  const std::string doomed =
      Create(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();
  const std::string kept =
      Create(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();
  const std::string key1 = InsertKey(owner, doomed);
  const std::string key2 = InsertKey(owner, doomed);
  const std::string kept_key = InsertKey(owner, kept);
  const std::string cloud_key = InsertKey(owner, "");
  const std::string binding = InsertRoleBinding(owner, doomed);
  const std::string kept_binding = InsertRoleBinding(owner, kept);
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");

  v1::DeleteResourceResponse response;
  ASSERT_TRUE(Delete(doomed, true, &response).ok());
  EXPECT_EQ(response.id(), doomed);
  EXPECT_TRUE(response.validate_only());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(key1, key2));
  EXPECT_THAT(response.deleted_role_binding_ids(), ElementsAre(binding));
  EXPECT_EQ(server_->db().Count("resources", "id = '" + doomed + "'"), 1);
  EXPECT_EQ(server_->db().Count("api_keys", "resource_id = '" + doomed + "'"),
            2);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);

  ASSERT_TRUE(Delete(doomed, false, &response).ok());
  EXPECT_FALSE(response.validate_only());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(key1, key2));
  EXPECT_THAT(response.deleted_role_binding_ids(), ElementsAre(binding));
  EXPECT_EQ(server_->db().Count("resources", "id = '" + doomed + "'"), 0);
  EXPECT_EQ(server_->db().Count("api_keys", "resource_id = '" + doomed + "'"),
            0);
  EXPECT_EQ(server_->db().Count("role_bindings", "id = '" + binding + "'"), 0);
  EXPECT_EQ(server_->db().Count(
                "api_keys", "id IN ('" + kept_key + "', '" + cloud_key + "')"),
            2);
  EXPECT_EQ(server_->db().Count("role_bindings", "id = '" + kept_binding + "'"),
            1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events + 1);
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "NOT validate_only AND action = 'resource.delete' AND "
                "target_id = '" +
                    doomed + "'"),
            1);

  v1::Resource resource;
  EXPECT_EQ(Get(doomed, &resource).error_code(), grpc::StatusCode::NOT_FOUND);
  const grpc::Status again = Delete(doomed, false, &response);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(again.error_message(), HasSubstr("resource " + doomed));
}

TEST_F(ResourceTest, ARecentlyUsedKeyBlocksDeleteUnlessForced) {
  const std::string environment = Environment();
  const std::string owner = ServiceAccount();
  const std::string busy_resource =
      Create(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();
  const std::string other =
      Create(environment, v1::RESOURCE_KIND_KAFKA_CLUSTER).id();
  const std::string idle =
      InsertKey(owner, busy_resource, "now() - interval '16 min'");
  const std::string unused = InsertKey(owner, busy_resource);
  const std::string busy = InsertKey(owner, busy_resource, "now()");
  const std::string other_busy = InsertKey(owner, other, "now()");
  const std::string binding = InsertRoleBinding(owner, busy_resource);
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");

  v1::DeleteResourceResponse response;
  for (bool validate_only : {false, true}) {
    const grpc::Status refused =
        Delete(busy_resource, validate_only, &response);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(refused.error_message(),
                HasSubstr("resource " + busy_resource +
                          " has keys used in the last 15m: " + busy +
                          "; pass force to delete anyway"));
    EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr(idle)));
    EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr(other_busy)));
  }
  EXPECT_EQ(server_->db().Count("resources", "id = '" + busy_resource + "'"),
            1);
  EXPECT_EQ(
      server_->db().Count("api_keys", "resource_id = '" + busy_resource + "'"),
      3);
  EXPECT_EQ(server_->db().Count("role_bindings", "id = '" + binding + "'"), 1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);

  ASSERT_TRUE(Delete(busy_resource, true, &response, true).ok());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(idle, unused, busy));
  EXPECT_EQ(server_->db().Count("resources", "id = '" + busy_resource + "'"),
            1);

  const grpc::Status forced = Delete(busy_resource, false, &response, true);
  ASSERT_TRUE(forced.ok()) << forced.error_message();
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(idle, unused, busy));
  EXPECT_EQ(server_->db().Count("resources", "id = '" + busy_resource + "'"),
            0);
  EXPECT_EQ(
      server_->db().Count("api_keys", "resource_id = '" + busy_resource + "'"),
      0);
  EXPECT_EQ(server_->db().Count("api_keys", "id = '" + other_busy + "'"), 1);
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "NOT validate_only AND action = 'resource.delete' AND "
                "request_summary->>'force' = 'true' AND target_id = '" +
                    busy_resource + "'"),
            1);
}

TEST_F(ResourceTest, KeysUsedOnlyLongAgoDoNotBlockDelete) {
  const std::string environment = Environment();
  const std::string owner = ServiceAccount();
  const std::string resource =
      Create(environment, v1::RESOURCE_KIND_KSQLDB_APP).id();
  const std::string key =
      InsertKey(owner, resource, "now() - interval '1 hour'");
  v1::DeleteResourceResponse response;
  const grpc::Status status = Delete(resource, false, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(key));
  EXPECT_EQ(server_->db().Count("resources", "id = '" + resource + "'"), 0);
}

TEST_F(ResourceTest, ARefusalNamesTheFirstTenKeysInUseAndCountsTheRest) {
  const std::string environment = Environment();
  const std::string owner = ServiceAccount();
  const std::string resource =
      Create(environment, v1::RESOURCE_KIND_FLINK_REGION).id();
  std::vector<std::string> keys;
  for (int i = 0; i < 12; ++i)
    keys.push_back(InsertKey(owner, resource, "now()"));

  v1::DeleteResourceResponse response;
  const grpc::Status refused = Delete(resource, false, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  std::string named = keys[0];
  for (int i = 1; i < 10; ++i) named += ", " + keys[i];
  EXPECT_THAT(refused.error_message(),
              HasSubstr(": " + named + " and 2 more; pass force"));
  EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr(keys[10])));
  EXPECT_EQ(server_->db().Count("api_keys", "resource_id = '" + resource + "'"),
            12);
}

TEST_F(ResourceTest, CreateWritesOneAuditEventWithTheRequest) {
  const std::string environment = Environment();
  const v1::Resource created =
      Create(environment, v1::RESOURCE_KIND_FLINK_REGION);
  const auto rows = server_->db().Query(
      "SELECT actor_id, allowed, validate_only, "
      "request_summary->>'environment_id', request_summary->>'kind', "
      "request_summary->>'cloud', request_summary->>'region' "
      "FROM audit_events WHERE action = 'resource.create' AND target_id = '" +
      created.id() + "'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "t");
  EXPECT_EQ(rows[0][2], "f");
  EXPECT_EQ(rows[0][3], environment);
  EXPECT_EQ(rows[0][4], "FLINK_REGION");
  EXPECT_EQ(rows[0][5], "aws");
  EXPECT_EQ(rows[0][6], "us-east-1");
}

TEST_F(ResourceTest, DeleteOfAMalformedIdIsInvalidArgument) {
  v1::DeleteResourceResponse response;
  for (const std::string& bad : {std::string("env-zzzzzzzz"),
                                 std::string("u-zzzzzzzz"), std::string("")}) {
    const grpc::Status status = Delete(bad, false, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("id:"));
  }
  EXPECT_EQ(Delete("lkc-zzzzzzzz", true, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace keyward::testing
