// The authorization matrix through gRPC against the real OPA: each role, at
// its scope, tried on each kind of action in and out of that scope. Writes
// are dry runs (validate_only), which the policy decides exactly as the real
// call.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;

class AuthorizationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer();
    auto channel = server_->channel();
    environments_ = v1::EnvironmentService::NewStub(channel).release();
    resources_ = v1::ResourceService::NewStub(channel).release();
    accounts_ = v1::AccountService::NewStub(channel).release();
    keys_ = v1::ApiKeyService::NewStub(channel).release();
    bindings_ = v1::RoleBindingService::NewStub(channel).release();
    make_ = new Fixtures(channel);

    env_a_ = Environment("A");
    env_b_ = Environment("B");
    cluster_a_ = Cluster(env_a_);
    cluster_b_ = Cluster(env_b_);
    owner_ = ServiceAccount("key owner");
    verified_ = KeyFor(owner_, cluster_a_);
  }
  static void TearDownTestSuite() {
    delete environments_;
    delete resources_;
    delete accounts_;
    delete keys_;
    delete bindings_;
    delete make_;
    delete server_;
  }

  static std::string Environment(const std::string& name) {
    return make_->Environment().Named(name).Create().id();
  }

  static std::string Cluster(const std::string& environment_id) {
    return make_->KafkaCluster(environment_id).Named("cluster").Create().id();
  }

  static v1::CreateResourceRequest ResourceRequest(
      const std::string& environment_id) {
    v1::CreateResourceRequest request;
    request.set_environment_id(environment_id);
    request.set_kind(v1::RESOURCE_KIND_KAFKA_CLUSTER);
    request.set_display_name("cluster");
    request.set_cloud("aws");
    request.set_region("us-east-1");
    return request;
  }

  static std::string ServiceAccount(const std::string& name) {
    return make_->ServiceAccount().Named(name).Create().id();
  }

  static v1::CreateApiKeyResponse KeyFor(const std::string& owner,
                                         const std::string& resource) {
    return make_->ApiKey(owner, resource).Create();
  }

  // A principal holding `role` at `scope` (none when role is empty), and
  // the authorization value of its Cloud key.
  static std::string Principal(const std::string& role,
                               const std::string& scope) {
    const std::string principal =
        ServiceAccount(role.empty() ? "nobody" : role);
    if (!role.empty()) make_->RoleBinding(principal, role, scope).Create();
    return KeywardServer::BasicAuthorization(
        Credentials(KeyFor(principal, "cloud")));
  }

  static KeywardServer* server_;
  static v1::EnvironmentService::Stub* environments_;
  static v1::ResourceService::Stub* resources_;
  static v1::AccountService::Stub* accounts_;
  static v1::ApiKeyService::Stub* keys_;
  static v1::RoleBindingService::Stub* bindings_;
  static Fixtures* make_;
  static std::string env_a_, env_b_, cluster_a_, cluster_b_, owner_;
  static v1::CreateApiKeyResponse verified_;
};

KeywardServer* AuthorizationTest::server_ = nullptr;
v1::EnvironmentService::Stub* AuthorizationTest::environments_ = nullptr;
v1::ResourceService::Stub* AuthorizationTest::resources_ = nullptr;
v1::AccountService::Stub* AuthorizationTest::accounts_ = nullptr;
v1::ApiKeyService::Stub* AuthorizationTest::keys_ = nullptr;
v1::RoleBindingService::Stub* AuthorizationTest::bindings_ = nullptr;
Fixtures* AuthorizationTest::make_ = nullptr;
std::string AuthorizationTest::env_a_, AuthorizationTest::env_b_,
    AuthorizationTest::cluster_a_, AuthorizationTest::cluster_b_,
    AuthorizationTest::owner_;
v1::CreateApiKeyResponse AuthorizationTest::verified_;

TEST_F(AuthorizationTest, EachRoleMayDoExactlyWhatItsScopeAllows) {
  using Call = std::function<grpc::Status(grpc::ClientContext*)>;
  const std::vector<std::pair<std::string, Call>> actions = {
      {"create environment",
       [](grpc::ClientContext* c) {
         v1::CreateEnvironmentRequest r;
         r.set_display_name("x");
         r.set_stage("dev");
         r.set_validate_only(true);
         v1::Environment e;
         return environments_->CreateEnvironment(c, r, &e);
       }},
      {"create resource in A",
       [](grpc::ClientContext* c) {
         auto r = ResourceRequest(env_a_);
         r.set_validate_only(true);
         v1::Resource out;
         return resources_->CreateResource(c, r, &out);
       }},
      {"create resource in B",
       [](grpc::ClientContext* c) {
         auto r = ResourceRequest(env_b_);
         r.set_validate_only(true);
         v1::Resource out;
         return resources_->CreateResource(c, r, &out);
       }},
      {"create service account",
       [](grpc::ClientContext* c) {
         v1::CreateServiceAccountRequest r;
         r.set_display_name("x");
         r.set_description("x");
         r.set_validate_only(true);
         v1::Account out;
         return accounts_->CreateServiceAccount(c, r, &out);
       }},
      {"create key on a",
       [](grpc::ClientContext* c) {
         v1::CreateApiKeyRequest r;
         r.set_owner_id(owner_);
         r.set_resource_id(cluster_a_);
         r.set_description("x");
         r.set_validate_only(true);
         v1::CreateApiKeyResponse out;
         return keys_->CreateApiKey(c, r, &out);
       }},
      {"create key on b",
       [](grpc::ClientContext* c) {
         v1::CreateApiKeyRequest r;
         r.set_owner_id(owner_);
         r.set_resource_id(cluster_b_);
         r.set_description("x");
         r.set_validate_only(true);
         v1::CreateApiKeyResponse out;
         return keys_->CreateApiKey(c, r, &out);
       }},
      {"create role binding",
       [](grpc::ClientContext* c) {
         v1::CreateRoleBindingRequest r;
         r.set_principal_id(owner_);
         r.set_role("KeyVerifier");
         r.set_scope("organization");
         r.set_validate_only(true);
         v1::RoleBinding out;
         return bindings_->CreateRoleBinding(c, r, &out);
       }},
      {"verify on a",
       [](grpc::ClientContext* c) {
         v1::VerifyApiKeyRequest r;
         r.set_key(verified_.api_key().id());
         r.set_secret(verified_.secret());
         r.set_resource_id(cluster_a_);
         v1::VerifyApiKeyResponse out;
         return keys_->VerifyApiKey(c, r, &out);
       }},
      {"verify on b",
       [](grpc::ClientContext* c) {
         v1::VerifyApiKeyRequest r;
         r.set_key(verified_.api_key().id());
         r.set_secret(verified_.secret());
         r.set_resource_id(cluster_b_);
         v1::VerifyApiKeyResponse out;
         return keys_->VerifyApiKey(c, r, &out);
       }},
  };
  struct Row {
    std::string role, scope;
    std::string allowed;  // one letter per action: Y allowed, n denied
  };
  const std::vector<Row> matrix = {
      {"OrganizationAdmin", "organization", "YYYYYYYYY"},
      {"AccountAdmin", "organization", "nnnYYYnYY"},
      {"EnvironmentAdmin", env_a_, "nYnnYnnYn"},
      {"CloudClusterAdmin", cluster_a_, "nnnnYnnYn"},
      {"KeyVerifier", "organization", "nnnnnnnYY"},
      {"", "", "nnnnnnnnn"},
  };
  for (const Row& row : matrix) {
    const std::string authorization = Principal(row.role, row.scope);
    for (size_t i = 0; i < actions.size(); ++i) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", authorization);
      const grpc::Status status = actions[i].second(&context);
      const std::string what = (row.role.empty() ? "no role" : row.role) +
                               " at " + row.scope + ": " + actions[i].first;
      if (row.allowed[i] == 'Y') {
        EXPECT_TRUE(status.ok()) << what << ": " << status.error_message();
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << what << ": " << status.error_message();
      }
    }
  }
}

TEST_F(AuthorizationTest, ADenialNamesTheRolesThatWouldAllowIt) {
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      Principal("KeyVerifier", "organization"));
  v1::CreateApiKeyRequest request;
  request.set_owner_id(owner_);
  request.set_resource_id(cluster_b_);
  request.set_description("x");
  v1::CreateApiKeyResponse response;
  const grpc::Status status = keys_->CreateApiKey(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("[not_authorized]"));
  EXPECT_THAT(status.error_message(),
              HasSubstr("EnvironmentAdmin at " + env_b_));
  EXPECT_THAT(status.error_message(),
              HasSubstr("CloudClusterAdmin at " + cluster_b_));
}

TEST_F(AuthorizationTest, ReadsShowOnlyWhatTheCallerMaySee) {
  const auto environment_ids = [](const std::string& authorization) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", authorization);
    v1::ListEnvironmentsRequest request;
    request.set_page_size(100);
    v1::ListEnvironmentsResponse response;
    EXPECT_TRUE(
        environments_->ListEnvironments(&context, request, &response).ok());
    std::set<std::string> ids;
    for (const auto& e : response.environments()) ids.insert(e.id());
    return ids;
  };
  const auto resource_ids = [](const std::string& authorization) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", authorization);
    v1::ListResourcesRequest request;
    request.set_page_size(100);
    v1::ListResourcesResponse response;
    EXPECT_TRUE(resources_->ListResources(&context, request, &response).ok());
    std::set<std::string> ids;
    for (const auto& r : response.resources()) ids.insert(r.id());
    return ids;
  };
  const auto get_resource = [](const std::string& authorization,
                               const std::string& id) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", authorization);
    v1::GetResourceRequest request;
    request.set_id(id);
    v1::Resource resource;
    return resources_->GetResource(&context, request, &resource).error_code();
  };

  const std::string environment_admin = Principal("EnvironmentAdmin", env_a_);
  EXPECT_EQ(environment_ids(environment_admin), std::set<std::string>{env_a_});
  EXPECT_EQ(resource_ids(environment_admin), std::set<std::string>{cluster_a_});
  EXPECT_EQ(get_resource(environment_admin, cluster_a_), grpc::StatusCode::OK);
  EXPECT_EQ(get_resource(environment_admin, cluster_b_),
            grpc::StatusCode::NOT_FOUND);

  const std::string verifier = Principal("KeyVerifier", "organization");
  EXPECT_TRUE(environment_ids(verifier).empty());
  EXPECT_TRUE(resource_ids(verifier).empty());
  EXPECT_EQ(get_resource(verifier, cluster_a_), grpc::StatusCode::NOT_FOUND);

  const std::string admin = KeywardServer::BasicAuthorization(
      server_->admin_key() + ":" + server_->admin_secret());
  EXPECT_TRUE(environment_ids(admin).count(env_b_));
  EXPECT_TRUE(resource_ids(admin).count(cluster_b_));
}

TEST_F(AuthorizationTest, AnyoneSeesTheirOwnAccountAndKeys) {
  const v1::CreateApiKeyResponse own = KeyFor(owner_, "cloud");
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      KeywardServer::BasicAuthorization(own.api_key().id() +
                                                        ":" + own.secret()));
  v1::ListApiKeysRequest request;
  request.set_page_size(100);
  v1::ListApiKeysResponse response;
  ASSERT_TRUE(keys_->ListApiKeys(&context, request, &response).ok());
  ASSERT_GE(response.api_keys_size(), 1);
  for (const auto& key : response.api_keys()) EXPECT_EQ(key.owner_id(), owner_);

  grpc::ClientContext get_context;
  get_context.AddMetadata(
      "authorization", KeywardServer::BasicAuthorization(own.api_key().id() +
                                                         ":" + own.secret()));
  v1::GetAccountRequest get;
  get.set_id(owner_);
  v1::Account account;
  EXPECT_TRUE(accounts_->GetAccount(&get_context, get, &account).ok());
}

}  // namespace
}  // namespace keyward::testing
