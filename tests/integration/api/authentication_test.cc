// Caller authentication through gRPC: every Keyward RPC needs a Cloud API
// key in `authorization: Basic base64(key:secret)`; every kind of bad
// credential gets the same UNAUTHENTICATED answer; repeated failures lock
// the key id and the peer out for a while, and the lockout is audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;

grpc::Status ListEnvironmentsWith(KeywardServer& server,
                                  const std::optional<std::string>& header) {
  auto stub = v1::EnvironmentService::NewStub(server.channel());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  if (header) context.AddMetadata("authorization", *header);
  v1::ListEnvironmentsResponse response;
  return stub->ListEnvironments(&context, {}, &response);
}

class AuthenticationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Far from the lockout threshold: this suite fails on purpose a lot.
    server_ = new KeywardServer(std::map<std::string, std::string>{
        {"KEYWARD_AUTH_FAILURE_LIMIT", "100000"}});
  }
  static void TearDownTestSuite() { delete server_; }

  // A key of the given owner on `resource_id`, inserted through the API.
  std::string Key(const std::string& resource_id, bool expire_soon = false) {
    auto accounts = v1::AccountService::NewStub(server_->channel());
    v1::CreateServiceAccountRequest sa_request;
    sa_request.set_display_name("caller");
    sa_request.set_description("calls keywardd");
    v1::Account account;
    EXPECT_TRUE(accounts
                    ->CreateServiceAccount(KeywardServer::Context().get(),
                                           sa_request, &account)
                    .ok());
    auto keys = v1::ApiKeyService::NewStub(server_->channel());
    v1::CreateApiKeyRequest request;
    request.set_owner_id(account.id());
    request.set_resource_id(resource_id);
    request.set_description("a caller's key");
    v1::CreateApiKeyResponse created;
    EXPECT_TRUE(
        keys->CreateApiKey(KeywardServer::Context().get(), request, &created)
            .ok());
    if (expire_soon) {
      server_->db().Query(
          "UPDATE api_keys SET expire_time = now() - interval '1 second', "
          "create_time = now() - interval '1 hour' WHERE id = '" +
          created.api_key().id() + "'");
    }
    return created.api_key().id() + ":" + created.secret();
  }

  std::string Cluster() {
    auto environments = v1::EnvironmentService::NewStub(server_->channel());
    v1::CreateEnvironmentRequest env_request;
    env_request.set_display_name("auth");
    env_request.set_stage("dev");
    v1::Environment environment;
    EXPECT_TRUE(environments
                    ->CreateEnvironment(KeywardServer::Context().get(),
                                        env_request, &environment)
                    .ok());
    auto resources = v1::ResourceService::NewStub(server_->channel());
    v1::CreateResourceRequest request;
    request.set_environment_id(environment.id());
    request.set_kind(v1::RESOURCE_KIND_KAFKA_CLUSTER);
    request.set_display_name("c");
    request.set_cloud("aws");
    request.set_region("eu-west-1");
    v1::Resource resource;
    EXPECT_TRUE(
        resources
            ->CreateResource(KeywardServer::Context().get(), request, &resource)
            .ok());
    return resource.id();
  }

  static KeywardServer* server_;
};

KeywardServer* AuthenticationTest::server_ = nullptr;

TEST_F(AuthenticationTest, TheBootstrappedAdminKeyAuthenticates) {
  const grpc::Status status = ListEnvironmentsWith(
      *server_, KeywardServer::BasicAuthorization(server_->admin_key() + ":" +
                                                  server_->admin_secret()));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AuthenticationTest, EveryKindOfBadCredentialGetsTheSameAnswer) {
  const std::string admin =
      server_->admin_key() + ":" + server_->admin_secret();
  std::string wrong_secret = admin;
  wrong_secret.back() = wrong_secret.back() == 'A' ? 'B' : 'A';
  const std::string cloud_key = Key("cloud");
  std::string other_secret_same_shape = Key("cloud");
  other_secret_same_shape =
      cloud_key.substr(0, 17) + other_secret_same_shape.substr(17);

  const std::vector<std::pair<std::string, std::optional<std::string>>> cases =
      {
          {"missing", std::nullopt},
          {"empty", std::string()},
          {"not basic", "Bearer " + admin},
          {"not base64", "Basic !!!"},
          {"no colon", KeywardServer::BasicAuthorization("JUSTAKEYNOSECRET")},
          {"unknown key", KeywardServer::BasicAuthorization(
                              "ZZZZZZZZZZZZZZZZ:" + admin.substr(17))},
          {"checksum broken", KeywardServer::BasicAuthorization(wrong_secret)},
          {"another key's secret",
           KeywardServer::BasicAuthorization(other_secret_same_shape)},
          {"expired", KeywardServer::BasicAuthorization(Key("cloud", true))},
          {"resource key", KeywardServer::BasicAuthorization(Key(Cluster()))},
      };
  std::set<std::string> messages;
  for (const auto& [name, header] : cases) {
    const grpc::Status status = ListEnvironmentsWith(*server_, header);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
    messages.insert(status.error_message());
  }
  ASSERT_EQ(messages.size(), 1u) << "the answers tell the cases apart";
  EXPECT_THAT(*messages.begin(), HasSubstr("Cloud API key"));
  EXPECT_THAT(server_->process().log(),
              ::testing::Not(HasSubstr(admin.substr(17))));
}

TEST_F(AuthenticationTest, AnyServiceAccountsCloudKeyIdentifiesItsOwner) {
  const std::string credentials = Key("cloud");
  auto keys = v1::ApiKeyService::NewStub(server_->channel());
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      KeywardServer::BasicAuthorization(credentials));
  v1::GetApiKeyRequest request;
  request.set_id(credentials.substr(0, 16));
  v1::ApiKey key;
  ASSERT_TRUE(keys->GetApiKey(&context, request, &key).ok());
  // The last use of the caller's own key is recorded like any verification.
  EXPECT_EQ(key.id(), credentials.substr(0, 16));
}

TEST(BootstrapTest, WorksOnceAndThenRefuses) {
  TestDatabase db;
  const std::string first = KeywardServer::BootstrapAdmin(db.url());
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM role_bindings WHERE role = "
                          "'OrganizationAdmin' AND scope = 'organization'"),
            "1");
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM audit_events WHERE actor_id "
                          "= 'bootstrap'"),
            "3");
  KeywarddProcess again({{"KEYWARD_DATABASE_URL", db.url()}},
                        {"bootstrap", "--email", "second@keyward.test"});
  EXPECT_EQ(again.RunToExit(), 1);
  EXPECT_THAT(again.log(), HasSubstr("an OrganizationAdmin already exists"));
  EXPECT_THAT(again.log(), ::testing::Not(HasSubstr("kwsec_")));
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM accounts"), "1");
}

TEST(LockoutTest, RepeatedFailuresLockTheKeyAndPeerOutAndAreAudited) {
  KeywardServer server(
      {{"KEYWARD_AUTH_FAILURE_LIMIT", "3"}, {"KEYWARD_AUTH_LOCKOUT", "1h"}});
  const std::string admin = server.admin_key() + ":" + server.admin_secret();
  std::string wrong = admin;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        ListEnvironmentsWith(server, KeywardServer::BasicAuthorization(wrong))
            .error_code(),
        grpc::StatusCode::UNAUTHENTICATED);
  }
  // Now even the right secret is turned away for the cooling-off period.
  const grpc::Status locked =
      ListEnvironmentsWith(server, KeywardServer::BasicAuthorization(admin));
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(locked.error_message(), HasSubstr("try again later"));
  EXPECT_EQ(
      server.db().QueryValue("SELECT count(*) FROM audit_events WHERE action = "
                             "'authentication.lockout' AND NOT allowed"),
      "1");
}

}  // namespace
}  // namespace keyward::testing
