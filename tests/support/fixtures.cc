#include "tests/support/fixtures.h"

#include <atomic>
#include <chrono>
#include <functional>

#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

// A fixture's Send: the call `method` on `stub`.
template <typename Stub, typename Request, typename Response>
std::function<grpc::Status(grpc::ClientContext*, const Request&, Response*)>
Through(std::shared_ptr<Stub> stub,
        grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                     Response*)) {
  return [stub = std::move(stub), method](grpc::ClientContext* context,
                                          const Request& request,
                                          Response* response) {
    return (stub.get()->*method)(context, request, response);
  };
}

}  // namespace

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

v1::VerifyApiKeyResponse VerifyKey(v1::ApiKeyService::Stub& stub,
                                   const std::string& key,
                                   const std::string& secret,
                                   const std::string& resource_id) {
  v1::VerifyApiKeyRequest request;
  request.set_key(key);
  request.set_secret(secret);
  request.set_resource_id(resource_id);
  v1::VerifyApiKeyResponse response;
  const grpc::Status status =
      stub.VerifyApiKey(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << "VerifyApiKey: " << status.error_message();
  return response;
}

v1::ApiKey GetKey(v1::ApiKeyService::Stub& stub, const std::string& id) {
  v1::GetApiKeyRequest request;
  request.set_id(id);
  v1::ApiKey key;
  const grpc::Status status =
      stub.GetApiKey(CallContext().get(), request, &key);
  EXPECT_TRUE(status.ok()) << "GetApiKey " << id << ": "
                           << status.error_message();
  return key;
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
      Through(environments_, &v1::EnvironmentService::Stub::CreateEnvironment));
  return std::move(fixture.Named("Team").Stage("dev"));
}

ResourceFixture Fixtures::KafkaCluster(const std::string& environment_id) {
  ResourceFixture fixture(
      "CreateResource",
      Through(resources_, &v1::ResourceService::Stub::CreateResource));
  fixture.request().set_environment_id(environment_id);
  fixture.request().set_cloud("aws");
  fixture.request().set_region("us-east-1");
  return std::move(
      fixture.Kind(v1::RESOURCE_KIND_KAFKA_CLUSTER).Named("orders"));
}

ServiceAccountFixture Fixtures::ServiceAccount() {
  ServiceAccountFixture fixture(
      "CreateServiceAccount",
      Through(accounts_, &v1::AccountService::Stub::CreateServiceAccount));
  return std::move(fixture.Named("worker").Described("runs the tests' jobs"));
}

UserFixture Fixtures::User() {
  static std::atomic<int> users{0};
  UserFixture fixture(
      "CreateUserAccount",
      Through(accounts_, &v1::AccountService::Stub::CreateUserAccount));
  return std::move(
      fixture.Email("user" + std::to_string(++users) + "@fixtures.test")
          .Named("A. Person"));
}

ApiKeyFixture Fixtures::ApiKey(const std::string& owner_id,
                               const std::string& resource_id) {
  ApiKeyFixture fixture("CreateApiKey",
                        Through(keys_, &v1::ApiKeyService::Stub::CreateApiKey));
  fixture.request().set_owner_id(owner_id);
  fixture.request().set_resource_id(resource_id);
  return std::move(fixture.Described("made by a test"));
}

RoleBindingFixture Fixtures::RoleBinding(const std::string& principal_id,
                                         const std::string& role,
                                         const std::string& scope) {
  RoleBindingFixture fixture(
      "CreateRoleBinding",
      Through(bindings_, &v1::RoleBindingService::Stub::CreateRoleBinding));
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
