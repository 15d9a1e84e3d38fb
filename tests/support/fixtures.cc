#include "tests/support/fixtures.h"

#include <atomic>
#include <chrono>

#include "tests/support/keyward_server.h"

namespace keyward::testing {

std::unique_ptr<grpc::ClientContext> CallContext(
    const std::optional<std::string>& authorization) {
  if (!authorization) return KeywardServer::Context();
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  context->AddMetadata("authorization", *authorization);
  return context;
}

std::string Credentials(const v1::CreateApiKeyResponse& key) {
  return key.api_key().id() + ":" + key.secret();
}

Fixtures::Fixtures(const std::shared_ptr<grpc::Channel>& channel)
    : environments_(v1::EnvironmentService::NewStub(channel)),
      resources_(v1::ResourceService::NewStub(channel)),
      accounts_(v1::AccountService::NewStub(channel)),
      keys_(v1::ApiKeyService::NewStub(channel)),
      bindings_(v1::RoleBindingService::NewStub(channel)) {}

EnvironmentFixture Fixtures::Environment() {
  EnvironmentFixture fixture(
      "CreateEnvironment",
      [stub = environments_](grpc::ClientContext* context,
                             const v1::CreateEnvironmentRequest& request,
                             v1::Environment* response) {
        return stub->CreateEnvironment(context, request, response);
      });
  return std::move(fixture.Named("Team").Stage("dev"));
}

ResourceFixture Fixtures::KafkaCluster(const std::string& environment_id) {
  ResourceFixture fixture(
      "CreateResource",
      [stub = resources_](grpc::ClientContext* context,
                          const v1::CreateResourceRequest& request,
                          v1::Resource* response) {
        return stub->CreateResource(context, request, response);
      });
  fixture.request().set_environment_id(environment_id);
  fixture.request().set_cloud("aws");
  fixture.request().set_region("us-east-1");
  return std::move(
      fixture.Kind(v1::RESOURCE_KIND_KAFKA_CLUSTER).Named("orders"));
}

ServiceAccountFixture Fixtures::ServiceAccount() {
  ServiceAccountFixture fixture(
      "CreateServiceAccount",
      [stub = accounts_](grpc::ClientContext* context,
                         const v1::CreateServiceAccountRequest& request,
                         v1::Account* response) {
        return stub->CreateServiceAccount(context, request, response);
      });
  return std::move(fixture.Named("worker").Described("runs the tests' jobs"));
}

UserFixture Fixtures::User() {
  static std::atomic<int> users{0};
  UserFixture fixture(
      "CreateUserAccount",
      [stub = accounts_](grpc::ClientContext* context,
                         const v1::CreateUserAccountRequest& request,
                         v1::Account* response) {
        return stub->CreateUserAccount(context, request, response);
      });
  return std::move(
      fixture.Email("user" + std::to_string(++users) + "@fixtures.test")
          .Named("A. Person"));
}

ApiKeyFixture Fixtures::ApiKey(const std::string& owner_id,
                               const std::string& resource_id) {
  ApiKeyFixture fixture("CreateApiKey",
                        [stub = keys_](grpc::ClientContext* context,
                                       const v1::CreateApiKeyRequest& request,
                                       v1::CreateApiKeyResponse* response) {
                          return stub->CreateApiKey(context, request, response);
                        });
  fixture.request().set_owner_id(owner_id);
  fixture.request().set_resource_id(resource_id);
  return std::move(fixture.Described("made by a test"));
}

RoleBindingFixture Fixtures::RoleBinding(const std::string& principal_id,
                                         const std::string& role,
                                         const std::string& scope) {
  RoleBindingFixture fixture(
      "CreateRoleBinding",
      [stub = bindings_](grpc::ClientContext* context,
                         const v1::CreateRoleBindingRequest& request,
                         v1::RoleBinding* response) {
        return stub->CreateRoleBinding(context, request, response);
      });
  fixture.request().set_principal_id(principal_id);
  fixture.request().set_role(role);
  fixture.request().set_scope(scope);
  return fixture;
}

std::string Fixtures::ClusterIn(const std::string& stage) {
  return KafkaCluster(Environment()
                          .Named(stage + " environment")
                          .Stage(stage)
                          .Create()
                          .id())
      .Create()
      .id();
}

}  // namespace keyward::testing
