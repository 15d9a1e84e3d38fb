// The `keyward` binary against an in-process gRPC server that plays
// keywardd's part exactly as the API contract describes it, for what the
// real server cannot show yet or only by chance: the authorization metadata
// from each credential source, pagination, policy denials in
// grpc-status-details-bin, policy warnings in trailing metadata, the
// role-binding and audit commands, and UNIMPLEMENTED.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "keyward/v1/audit.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/policy.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/e2e/cli_runner.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

std::string Show(const CliResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout:\n" +
         result.out + "\nstderr:\n" + result.err;
}

// What the fakes saw, shared with the test thread.
struct Recorded {
  std::mutex mutex;
  std::vector<std::string> authorizations;  // "" when absent
  std::vector<std::string> page_tokens;
  v1::ListAuditEventsRequest audit_request;
};

std::string Authorization(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("authorization");
  if (it == context.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

v1::PolicyViolation Entry(const std::string& rule, const std::string& message) {
  v1::PolicyViolation entry;
  entry.set_rule(rule);
  entry.set_message(message);
  return entry;
}

class FakeEnvironments final : public v1::EnvironmentService::Service {
 public:
  explicit FakeEnvironments(Recorded& recorded) : recorded_(recorded) {}
  grpc::Status ListEnvironments(
      grpc::ServerContext* context, const v1::ListEnvironmentsRequest*,
      v1::ListEnvironmentsResponse* response) override {
    std::lock_guard<std::mutex> lock(recorded_.mutex);
    recorded_.authorizations.push_back(Authorization(*context));
    auto* environment = response->add_environments();
    environment->set_id("env-fake0001");
    environment->set_display_name("Fake");
    environment->set_stage("dev");
    return grpc::Status::OK;
  }

 private:
  Recorded& recorded_;
};

class FakeRoleBindings final : public v1::RoleBindingService::Service {
 public:
  explicit FakeRoleBindings(Recorded& recorded) : recorded_(recorded) {}

  // Denied by policy, with details the way keywardd sends them.
  grpc::Status CreateRoleBinding(grpc::ServerContext*,
                                 const v1::CreateRoleBindingRequest*,
                                 v1::RoleBinding*) override {
    v1::PolicyDecisionDetails decision;
    *decision.add_violations() =
        Entry("authorization.role", "only an OrganizationAdmin may grant it");
    *decision.add_violations() =
        Entry("authorization.scope", "KeyVerifier needs a narrower scope");
    decision.set_decision_id("decision-42");
    v1::RpcStatus status;
    status.set_code(grpc::StatusCode::PERMISSION_DENIED);
    status.set_message(
        "[authorization.role] only an OrganizationAdmin may grant it; "
        "[authorization.scope] KeyVerifier needs a narrower scope");
    status.add_details()->PackFrom(decision);
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, status.message(),
                        status.SerializeAsString());
  }

  // Two pages.
  grpc::Status ListRoleBindings(
      grpc::ServerContext*, const v1::ListRoleBindingsRequest* request,
      v1::ListRoleBindingsResponse* response) override {
    {
      std::lock_guard<std::mutex> lock(recorded_.mutex);
      recorded_.page_tokens.push_back(request->page_token());
    }
    auto* binding = response->add_role_bindings();
    binding->set_principal_id("u-fake0001");
    binding->set_role("KeyVerifier");
    binding->set_scope("organization");
    binding->mutable_create_time()->set_seconds(1714557600);
    if (request->page_token().empty()) {
      binding->set_id("rb-page0001");
      response->set_next_page_token("page-2");
    } else {
      binding->set_id("rb-page0002");
    }
    return grpc::Status::OK;
  }

  // Allowed, with a warning in the trailing metadata.
  grpc::Status DeleteRoleBinding(
      grpc::ServerContext* context, const v1::DeleteRoleBindingRequest* request,
      v1::DeleteRoleBindingResponse* response) override {
    v1::PolicyDecisionDetails decision;
    *decision.add_warnings() =
        Entry("last_admin", "this was the last binding at its scope");
    context->AddTrailingMetadata("keyward-policy-decision-bin",
                                 decision.SerializeAsString());
    response->set_id(request->id());
    return grpc::Status::OK;
  }

 private:
  Recorded& recorded_;
};

class FakeAudit final : public v1::AuditService::Service {
 public:
  explicit FakeAudit(Recorded& recorded) : recorded_(recorded) {}
  grpc::Status ListAuditEvents(grpc::ServerContext*,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override {
    {
      std::lock_guard<std::mutex> lock(recorded_.mutex);
      recorded_.audit_request = *request;
    }
    for (int i = 0; i < 3; ++i) {
      auto* event = response->add_audit_events();
      event->set_id("event-" + std::to_string(i));
      event->mutable_time()->set_seconds(1714557600 - i);
      event->set_actor_id("u-fake0001");
      event->set_action("api_key.create");
      event->set_allowed(false);
      *event->add_violations() = Entry("description_required", "say why");
      *event->add_violations() = Entry("no_user_keys_in_prod", "no");
    }
    response->set_next_page_token("more");
    return grpc::Status::OK;
  }

 private:
  Recorded& recorded_;
};

class CliFakeServerTest : public ::testing::Test {
 protected:
  CliFakeServerTest()
      : environments_(recorded_), role_bindings_(recorded_), audit_(recorded_) {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&environments_);
    builder.RegisterService(&role_bindings_);
    builder.RegisterService(&audit_);
    server_ = builder.BuildAndStart();
    address_ = "127.0.0.1:" + std::to_string(port);
  }
  ~CliFakeServerTest() override { server_->Shutdown(); }

  std::vector<std::string> Authorizations() {
    std::lock_guard<std::mutex> lock(recorded_.mutex);
    return recorded_.authorizations;
  }

  Recorded recorded_;
  FakeEnvironments environments_;
  FakeRoleBindings role_bindings_;
  FakeAudit audit_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

TEST_F(CliFakeServerTest, SendsBasicAuthorizationFromEachCredentialSource) {
  CliRunner cli(address_);
  // No credentials anywhere: no header.
  ASSERT_EQ(cli.Run({"environment", "list"}).exit_code, 0);
  // The environment.
  const std::map<std::string, std::string> env = {
      {"KEYWARD_API_KEY", "ENVKEY"}, {"KEYWARD_API_SECRET", "env-secret"}};
  ASSERT_EQ(cli.Run({"environment", "list"}, "", env).exit_code, 0);
  // A flag names the key; the secret still comes from the environment.
  ASSERT_EQ(cli.Run({"environment", "list", "--api-key", "FLAGKEY"}, "", env)
                .exit_code,
            0);
  // The login context, and the environment before it.
  ASSERT_EQ(cli.Run({"login", "--api-key", "CTXKEY"}, "ctx-secret\n").exit_code,
            0);
  ASSERT_EQ(cli.Run({"environment", "list"}).exit_code, 0);
  ASSERT_EQ(cli.Run({"environment", "list"}, "", env).exit_code, 0);

  EXPECT_THAT(
      Authorizations(),
      ElementsAre(
          "",
          "Basic RU5WS0VZOmVudi1zZWNyZXQ=", "Basic RkxBR0tFWTplbnYtc2VjcmV0",
          "Basic Q1RYS0VZOmN0eC1zZWNyZXQ=", "Basic RU5WS0VZOmVudi1zZWNyZXQ="));
}

TEST_F(CliFakeServerTest, AKeyWithoutItsSecretOffATerminalIsAUsageError) {
  CliRunner cli(address_);
  const CliResult result =
      cli.Run({"environment", "list", "--api-key", "FLAGKEY"});
  EXPECT_EQ(result.exit_code, 2) << Show(result);
  EXPECT_THAT(result.err, HasSubstr("KEYWARD_API_SECRET"));
  EXPECT_TRUE(Authorizations().empty());
}

TEST_F(CliFakeServerTest, ListFollowsNextPageTokenToTheEnd) {
  CliRunner cli(address_);
  const CliResult result = cli.Run({"role-binding", "list", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << Show(result);
  const Json bindings = Json::parse(result.out);
  ASSERT_EQ(bindings.size(), 2u) << result.out;
  EXPECT_EQ(bindings[0]["id"], "rb-page0001");
  EXPECT_EQ(bindings[1]["id"], "rb-page0002");
  EXPECT_EQ(bindings[1]["create_time"], "2024-05-01T10:00:00Z");
  std::lock_guard<std::mutex> lock(recorded_.mutex);
  EXPECT_THAT(recorded_.page_tokens, ElementsAre("", "page-2"));
}

TEST_F(CliFakeServerTest, RoleBindingListAsATable) {
  CliRunner cli(address_);
  const CliResult result = cli.Run({"role-binding", "list"});
  ASSERT_EQ(result.exit_code, 0) << Show(result);
  EXPECT_EQ(result.out,
            "ID           PRINCIPAL   ROLE         SCOPE         CREATED\n"
            "rb-page0001  u-fake0001  KeyVerifier  organization  "
            "2024-05-01T10:00:00Z\n"
            "rb-page0002  u-fake0001  KeyVerifier  organization  "
            "2024-05-01T10:00:00Z\n");
}

TEST_F(CliFakeServerTest, APolicyDenialShowsEachViolationWithItsRule) {
  CliRunner cli(address_);
  const CliResult result =
      cli.Run({"role-binding", "create", "--principal", "u-fake0001", "--role",
               "KeyVerifier", "--scope", "organization"});
  EXPECT_EQ(result.exit_code, 1) << Show(result);
  EXPECT_EQ(result.err,
            "Error: permission denied by policy (decision decision-42):\n"
            "  [authorization.role] only an OrganizationAdmin may grant it\n"
            "  [authorization.scope] KeyVerifier needs a narrower scope\n");
  EXPECT_EQ(result.out, "");
}

TEST_F(CliFakeServerTest, PolicyWarningsOfASuccessfulCallGoToStderr) {
  CliRunner cli(address_);
  const CliResult result =
      cli.Run({"role-binding", "delete", "rb-page0001", "--force"});
  EXPECT_EQ(result.exit_code, 0) << Show(result);
  EXPECT_EQ(result.out, "Deleted role binding rb-page0001.\n");
  EXPECT_EQ(result.err,
            "Warning: [last_admin] this was the last binding at its scope\n");
}

TEST_F(CliFakeServerTest, AuditListSendsItsFiltersAndShowsTheRules) {
  CliRunner cli(address_);
  const CliResult result =
      cli.Run({"audit", "list", "--actor", "u-fake0001", "--action",
               "api_key.create", "--target", "X", "--subject", "lkc-fake0001",
               "--since", "1h", "--allowed", "false", "--limit", "2"});
  ASSERT_EQ(result.exit_code, 0) << Show(result);
  EXPECT_EQ(
      result.out,
      "TIME                  ACTOR       ACTION          TARGET  ALLOWED  "
      "DRY RUN  VIOLATIONS\n"
      "2024-05-01T10:00:00Z  u-fake0001  api_key.create          false    "
      "false    description_required,no_user_keys_in_prod\n"
      "2024-05-01T09:59:59Z  u-fake0001  api_key.create          false    "
      "false    description_required,no_user_keys_in_prod\n");
  std::lock_guard<std::mutex> lock(recorded_.mutex);
  const v1::ListAuditEventsRequest& request = recorded_.audit_request;
  EXPECT_EQ(request.actor_id(), "u-fake0001");
  EXPECT_EQ(request.action(), "api_key.create");
  EXPECT_EQ(request.target_id(), "X");
  EXPECT_EQ(request.subject_id(), "lkc-fake0001");
  ASSERT_TRUE(request.has_allowed());
  EXPECT_FALSE(request.allowed());
  EXPECT_NEAR(static_cast<double>(request.start_time().seconds()),
              static_cast<double>(std::time(nullptr) - 3600), 60);
  EXPECT_FALSE(request.has_end_time());
}

TEST_F(CliFakeServerTest, AnUnimplementedServiceExits1WithAClearMessage) {
  CliRunner cli(address_);
  const CliResult result = cli.Run({"user", "list"});
  EXPECT_EQ(result.exit_code, 1) << Show(result);
  EXPECT_THAT(result.err, StartsWith("Error: the server at " + address_ +
                                     " does not implement this call yet"));
}

}  // namespace
}  // namespace keyward::testing
