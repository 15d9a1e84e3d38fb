// Fixtures: the objects an API test needs (environments, resources,
// accounts, API keys, role bindings), created through keywardd's own API
// with the generated stubs. Every request starts from defaults that
// keywardd and the default policy accept; a test sets only what matters
// to it, builder style:
//
//   Fixtures make(server.channel());
//   const std::string prod = make.Environment().Stage("prod").Create().id();
//   const std::string cluster = make.KafkaCluster(prod).Create().id();
//   const v1::CreateApiKeyResponse key =
//       make.ApiKey(make.ServiceAccount().Create().id(), cluster).Create();
//
// Create() records a gtest failure naming the call and keywardd's status
// when the call fails (and returns an empty message), so a broken setup is
// not mistaken for the behaviour under test; Call() returns the status for
// a test that expects a refusal. Calls carry the admin of
// KeywardServer::Context() unless As() names another caller.
//
// Thread-safety: a Fixtures may be shared by threads; each builder belongs
// to one.
#ifndef KEYWARD_TESTS_SUPPORT_FIXTURES_H_
#define KEYWARD_TESTS_SUPPORT_FIXTURES_H_

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"

namespace keyward::testing {

// A context with a 30 s deadline (a hung server fails the test, not CI),
// carrying `authorization` or, when unset, KeywardServer's admin.
std::unique_ptr<grpc::ClientContext> CallContext(
    const std::optional<std::string>& authorization = std::nullopt);

// "KEY:SECRET" of a created key, for KeywardServer::BasicAuthorization.
std::string Credentials(const v1::CreateApiKeyResponse& key);

// VerifyApiKey as KeywardServer's admin. Records a gtest failure unless the
// call itself succeeds: the verdict is in the response.
v1::VerifyApiKeyResponse VerifyKey(v1::ApiKeyService::Stub& stub,
                                   const std::string& key,
                                   const std::string& secret,
                                   const std::string& resource_id);

// GetApiKey as KeywardServer's admin; records a gtest failure (and returns
// an empty key) unless it succeeds.
v1::ApiKey GetKey(v1::ApiKeyService::Stub& stub, const std::string& id);

// One Create* request about to be sent: `Self` adds the field setters.
template <typename Self, typename Request, typename Response>
class FixtureBuilder {
 public:
  using Send = std::function<grpc::Status(grpc::ClientContext*, const Request&,
                                          Response*)>;

  FixtureBuilder(std::string what, Send send)
      : what_(std::move(what)), send_(std::move(send)) {}

  // Calls as the holder of `authorization` (an "authorization" header
  // value, e.g. KeywardServer::BasicAuthorization(Credentials(key))).
  Self& As(std::string authorization) {
    authorization_ = std::move(authorization);
    return self();
  }
  // The request, for a field without a setter of its own.
  Request& request() { return request_; }

  grpc::Status Call(Response* response) const {
    return send_(CallContext(authorization_).get(), request_, response);
  }
  Response Create() const {
    Response response;
    const grpc::Status status = Call(&response);
    if (!status.ok()) {
      ADD_FAILURE() << "fixture " << what_ << " failed: " << status.error_code()
                    << " " << status.error_message()
                    << "\nrequest: " << request_.ShortDebugString();
      return Response();
    }
    return response;
  }

 protected:
  Self& self() { return static_cast<Self&>(*this); }
  Request request_;

 private:
  std::string what_;
  Send send_;
  std::optional<std::string> authorization_;
};

class EnvironmentFixture
    : public FixtureBuilder<EnvironmentFixture, v1::CreateEnvironmentRequest,
                            v1::Environment> {
 public:
  using FixtureBuilder::FixtureBuilder;
  EnvironmentFixture& Named(const std::string& name) {
    request_.set_display_name(name);
    return *this;
  }
  EnvironmentFixture& Stage(const std::string& stage) {
    request_.set_stage(stage);
    return *this;
  }
};

class ResourceFixture
    : public FixtureBuilder<ResourceFixture, v1::CreateResourceRequest,
                            v1::Resource> {
 public:
  using FixtureBuilder::FixtureBuilder;
  ResourceFixture& Kind(v1::ResourceKind kind) {
    request_.set_kind(kind);
    return *this;
  }
  ResourceFixture& Named(const std::string& name) {
    request_.set_display_name(name);
    return *this;
  }
};

class ServiceAccountFixture
    : public FixtureBuilder<ServiceAccountFixture,
                            v1::CreateServiceAccountRequest, v1::Account> {
 public:
  using FixtureBuilder::FixtureBuilder;
  ServiceAccountFixture& Named(const std::string& name) {
    request_.set_display_name(name);
    return *this;
  }
  ServiceAccountFixture& Described(const std::string& description) {
    request_.set_description(description);
    return *this;
  }
};

class UserFixture
    : public FixtureBuilder<UserFixture, v1::CreateUserAccountRequest,
                            v1::Account> {
 public:
  using FixtureBuilder::FixtureBuilder;
  UserFixture& Email(const std::string& email) {
    request_.set_email(email);
    return *this;
  }
  UserFixture& Named(const std::string& name) {
    request_.set_display_name(name);
    return *this;
  }
};

class ApiKeyFixture
    : public FixtureBuilder<ApiKeyFixture, v1::CreateApiKeyRequest,
                            v1::CreateApiKeyResponse> {
 public:
  using FixtureBuilder::FixtureBuilder;
  ApiKeyFixture& Named(const std::string& name) {
    request_.set_display_name(name);
    return *this;
  }
  ApiKeyFixture& Described(const std::string& description) {
    request_.set_description(description);
    return *this;
  }
};

class RoleBindingFixture
    : public FixtureBuilder<RoleBindingFixture, v1::CreateRoleBindingRequest,
                            v1::RoleBinding> {
 public:
  using FixtureBuilder::FixtureBuilder;
};

class Fixtures {
 public:
  explicit Fixtures(const std::shared_ptr<grpc::Channel>& channel);

  // Display name "Team", stage "dev".
  EnvironmentFixture Environment();
  // A Kafka cluster "orders" on aws us-east-1 in `environment_id`.
  ResourceFixture KafkaCluster(const std::string& environment_id);
  // Display name "worker", with a description.
  ServiceAccountFixture ServiceAccount();
  // A user with an email address unique within the test binary.
  UserFixture User();
  // A key with a description (the default policy requires one).
  ApiKeyFixture ApiKey(const std::string& owner_id,
                       const std::string& resource_id);
  RoleBindingFixture RoleBinding(const std::string& principal_id,
                                 const std::string& role,
                                 const std::string& scope);

  // The id of a new Kafka cluster in a new environment of `stage`.
  std::string ClusterIn(const std::string& stage = "dev");

 private:
  std::shared_ptr<v1::EnvironmentService::Stub> environments_;
  std::shared_ptr<v1::ResourceService::Stub> resources_;
  std::shared_ptr<v1::AccountService::Stub> accounts_;
  std::shared_ptr<v1::ApiKeyService::Stub> keys_;
  std::shared_ptr<v1::RoleBindingService::Stub> bindings_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_FIXTURES_H_
