// CallRunner and Respond over a real gRPC server on a loopback port: a probe
// EnvironmentService whose handlers run through them, authenticated by a
// real Authenticator over an in-memory key store.
#include "services/api/call_runner.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/policy.pb.h"
#include "services/api/respond.h"
#include "tests/unit/domain/key_verifier_test_support.h"

namespace keyward::api {
namespace {

using domain::testing::Basic;

constexpr char kKeyId[] = "CALLER0000000001";
constexpr char kOwner[] = "u-caller01";

// GetEnvironment answers who the caller is; CreateEnvironment answers
// `written` as a write does; ListEnvironments runs without credentials.
class ProbeService final : public v1::EnvironmentService::Service {
 public:
  explicit ProbeService(domain::Authenticator& authenticator)
      : calls_(authenticator) {}

  grpc::Status GetEnvironment(grpc::ServerContext* context,
                              const v1::GetEnvironmentRequest*,
                              v1::Environment* response) override {
    return calls_.Authenticated(context, [&](const domain::Caller& caller) {
      ++ran;
      response->set_id(caller.id);
      response->set_display_name(
          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                             caller.deadline.time_since_epoch())
                             .count()));
      response->set_stage(CurrentCallDeadline() == caller.deadline ? "same"
                                                                   : "differs");
      return grpc::Status::OK;
    });
  }

  grpc::Status CreateEnvironment(grpc::ServerContext* context,
                                 const v1::CreateEnvironmentRequest*,
                                 v1::Environment* response) override {
    return calls_.Authenticated(context, [&](const domain::Caller&) {
      return Respond(context, written, [&](const domain::Environment& e) {
        response->set_id(e.id);
      });
    });
  }

  grpc::Status ListEnvironments(
      grpc::ServerContext* context, const v1::ListEnvironmentsRequest*,
      v1::ListEnvironmentsResponse* response) override {
    return CallRunner::Unauthenticated(
        context, [&](const domain::Caller& caller) {
          response->set_next_page_token(caller.id);
          return grpc::Status::OK;
        });
  }

  std::atomic<int> ran{0};
  domain::Decided<domain::Environment> written =
      absl::InternalError("the test sets what the write returns");

 private:
  CallRunner calls_;
};

domain::Environment Environment() {
  domain::Environment environment;
  environment.id = "env-written1";
  return environment;
}

class CallRunnerTest : public domain::testing::AuthenticatorTestBase {
 protected:
  CallRunnerTest()
      : secret_(Store(domain::testing::CloudKey(kKeyId, kOwner,
                                                domain::AccountType::kUser))),
        service_(authenticator_) {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    stub_ = v1::EnvironmentService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                            grpc::InsecureChannelCredentials()));
  }
  ~CallRunnerTest() override { server_->Shutdown(); }

  // A context that presents the key with `secret` and a 30 s deadline.
  std::unique_ptr<grpc::ClientContext> Context(const std::string& secret) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(30));
    context->AddMetadata("authorization",
                         Basic(std::string(kKeyId) + ":" + secret));
    return context;
  }

  // The decision in the trailer of a finished call, nullopt without one.
  static std::optional<v1::PolicyDecisionDetails> Trailer(
      const grpc::ClientContext& context) {
    const auto& trailers = context.GetServerTrailingMetadata();
    const auto it = trailers.find(kPolicyDecisionTrailer);
    if (it == trailers.end()) return std::nullopt;
    v1::PolicyDecisionDetails details;
    EXPECT_TRUE(details.ParseFromArray(it->second.data(),
                                       static_cast<int>(it->second.size())));
    return details;
  }

  std::string secret_;
  ProbeService service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::EnvironmentService::Stub> stub_;
};

TEST_F(CallRunnerTest, AnUnauthenticatedCallIsRefusedWithoutRunningTheWork) {
  grpc::ClientContext no_credentials;
  v1::Environment response;
  EXPECT_EQ(stub_->GetEnvironment(&no_credentials, {}, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(
      stub_->GetEnvironment(Context(crypto::NewSecret()).get(), {}, &response)
          .error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(service_.ran, 0);
}

TEST_F(CallRunnerTest, TheWorkRunsForTheKeysOwnerWithinTheCallsDeadline) {
  auto context = Context(secret_);
  const auto deadline_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(
          context->deadline().time_since_epoch())
          .count();
  v1::Environment response;
  const grpc::Status status =
      stub_->GetEnvironment(context.get(), {}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(service_.ran, 1);
  EXPECT_EQ(response.id(), kOwner);
  EXPECT_NEAR(std::stoll(response.display_name()), deadline_seconds, 1);
  EXPECT_EQ(response.stage(), "same");  // the thread's CurrentCallDeadline
}

TEST_F(CallRunnerTest, TheCredentiallessRunnerGivesTheWorkAnAnonymousCaller) {
  grpc::ClientContext no_credentials;
  v1::ListEnvironmentsResponse response;
  ASSERT_TRUE(stub_->ListEnvironments(&no_credentials, {}, &response).ok());
  EXPECT_EQ(response.next_page_token(), "anonymous");
}

TEST_F(CallRunnerTest, AnAllowingDecisionGoesBackInTheTrailer) {
  service_.written = domain::Decided<domain::Environment>(
      Environment(),
      domain::PolicyDecision{true, {}, {{"stage.naming", "careful"}}, "d-7"});
  auto context = Context(secret_);
  v1::Environment response;
  ASSERT_TRUE(stub_->CreateEnvironment(context.get(), {}, &response).ok());
  EXPECT_EQ(response.id(), "env-written1");
  const std::optional<v1::PolicyDecisionDetails> trailer = Trailer(*context);
  ASSERT_TRUE(trailer.has_value());
  EXPECT_EQ(trailer->decision_id(), "d-7");
  ASSERT_EQ(trailer->warnings_size(), 1);
  EXPECT_EQ(trailer->warnings(0).rule(), "stage.naming");
  EXPECT_EQ(trailer->warnings(0).message(), "careful");
}

TEST_F(CallRunnerTest, AWriteThatFailedAfterItsDecisionStillReturnsIt) {
  service_.written = domain::Decided<domain::Environment>(
      absl::ResourceExhaustedError("quota"),
      domain::PolicyDecision{true, {}, {}, "d-8"});
  auto context = Context(secret_);
  v1::Environment response;
  EXPECT_EQ(stub_->CreateEnvironment(context.get(), {}, &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  const std::optional<v1::PolicyDecisionDetails> trailer = Trailer(*context);
  ASSERT_TRUE(trailer.has_value());
  EXPECT_EQ(trailer->decision_id(), "d-8");
}

TEST_F(CallRunnerTest, AnEmptyDecisionSendsNoTrailer) {
  service_.written = domain::Decided<domain::Environment>(
      Environment(), domain::PolicyDecision{true, {}, {}, ""});
  auto context = Context(secret_);
  v1::Environment response;
  ASSERT_TRUE(stub_->CreateEnvironment(context.get(), {}, &response).ok());
  EXPECT_FALSE(Trailer(*context).has_value());
}

TEST_F(CallRunnerTest, ADenyingDecisionGoesBackInTheStatusDetails) {
  service_.written = domain::Decided<domain::Environment>(
      absl::PermissionDeniedError("policy denied environment.create"),
      domain::PolicyDecision{
          false, {{"stage.allowed", "no such stage"}}, {{"w", "!"}}, "d-9"});
  auto context = Context(secret_);
  v1::Environment response;
  const grpc::Status status =
      stub_->CreateEnvironment(context.get(), {}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(), "policy denied environment.create");
  v1::RpcStatus rpc_status;
  ASSERT_TRUE(rpc_status.ParseFromString(status.error_details()));
  EXPECT_EQ(rpc_status.code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_EQ(rpc_status.details_size(), 1);
  v1::PolicyDecisionDetails details;
  ASSERT_TRUE(rpc_status.details(0).UnpackTo(&details));
  ASSERT_EQ(details.violations_size(), 1);
  EXPECT_EQ(details.violations(0).rule(), "stage.allowed");
  EXPECT_EQ(details.violations(0).message(), "no such stage");
  EXPECT_EQ(details.warnings(0).message(), "!");
  EXPECT_EQ(details.decision_id(), "d-9");
  EXPECT_FALSE(Trailer(*context).has_value());
}

TEST_F(CallRunnerTest, AFailureWithoutADecisionHasNeitherDetailsNorTrailer) {
  service_.written = domain::Decided<domain::Environment>(
      absl::UnavailableError("no policy decision"));
  auto context = Context(secret_);
  v1::Environment response;
  const grpc::Status status =
      stub_->CreateEnvironment(context.get(), {}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(status.error_details().empty());
  EXPECT_FALSE(Trailer(*context).has_value());
}

}  // namespace
}  // namespace keyward::api
