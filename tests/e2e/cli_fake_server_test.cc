// The `keyward` binary against an in-process gRPC server that plays
// keywardd's part exactly as the API contract describes it, for what the
// real server cannot show yet or only by chance: the authorization metadata
// from each credential source, pagination, policy denials in
// grpc-status-details-bin, policy warnings in trailing metadata, the
// role-binding and audit commands, the key lifecycle's output shapes
// (rotate, disable, enable, usage, list filters), and UNIMPLEMENTED.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/audit.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/policy.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/e2e/cli_runner.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
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
  v1::RotateApiKeyRequest rotate_request;
  v1::ListApiKeysRequest list_keys_request;
  std::vector<std::string> got_keys;  // GetApiKey ids

  // `*field = value`, under the lock.
  template <typename T>
  void Set(T* field, const T& value) {
    std::lock_guard<std::mutex> lock(mutex);
    *field = value;
  }
  // Appends `value` to `*list`, under the lock.
  void Append(std::vector<std::string>* list, const std::string& value) {
    std::lock_guard<std::mutex> lock(mutex);
    list->push_back(value);
  }
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
    recorded_.Append(&recorded_.authorizations, Authorization(*context));
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
    recorded_.Append(&recorded_.page_tokens, request->page_token());
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
    recorded_.Set(&recorded_.audit_request, *request);
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

constexpr char kFakeSecret[] =
    "kwsec_fakefakefakefakefakefakefakefakefakefakefak123456";

// A key as keywardd returns it; `state` as in the API.
v1::ApiKey FakeKey(const std::string& id, v1::ApiKeyState state) {
  v1::ApiKey key;
  key.set_id(id);
  key.set_owner_id("sa-fake0001");
  key.set_owner_type(v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  key.set_resource_id("lkc-fake0001");
  key.set_resource_kind(v1::RESOURCE_KIND_KAFKA_CLUSTER);
  key.set_description("orders producer");
  key.mutable_create_time()->set_seconds(1714557600);
  key.set_state(state);
  return key;
}

class FakeApiKeys final : public v1::ApiKeyService::Service {
 public:
  explicit FakeApiKeys(Recorded& recorded) : recorded_(recorded) {}

  grpc::Status RotateApiKey(grpc::ServerContext*,
                            const v1::RotateApiKeyRequest* request,
                            v1::RotateApiKeyResponse* response) override {
    recorded_.Set(&recorded_.rotate_request, *request);
    *response->mutable_previous() =
        FakeKey(request->id(), v1::API_KEY_STATE_ACTIVE);
    response->mutable_previous()->mutable_expire_time()->set_seconds(
        1714644000);  // 2024-05-02T10:00:00Z
    *response->mutable_api_key() =
        FakeKey(request->validate_only() ? "" : "NEWKEY0000000001",
                v1::API_KEY_STATE_ACTIVE);
    response->mutable_api_key()->set_rotated_from(request->id());
    if (!request->validate_only()) response->set_secret(kFakeSecret);
    return grpc::Status::OK;
  }

  grpc::Status DisableApiKey(grpc::ServerContext*,
                             const v1::DisableApiKeyRequest* request,
                             v1::ApiKey* key) override {
    *key = FakeKey(request->id(), request->validate_only()
                                      ? v1::API_KEY_STATE_ACTIVE
                                      : v1::API_KEY_STATE_DISABLED);
    if (!request->validate_only()) {
      key->mutable_disable_time()->set_seconds(1714557660);
      key->set_disabled_by("u-admin001");
    }
    return grpc::Status::OK;
  }

  grpc::Status EnableApiKey(grpc::ServerContext*,
                            const v1::EnableApiKeyRequest* request,
                            v1::ApiKey* key) override {
    *key = FakeKey(request->id(), v1::API_KEY_STATE_ACTIVE);
    return grpc::Status::OK;
  }

  // Three days: nothing, a few, many.
  grpc::Status GetApiKeyUsage(grpc::ServerContext*,
                              const v1::GetApiKeyUsageRequest* request,
                              v1::GetApiKeyUsageResponse* response) override {
    if (request->days() != 3) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "want 3 days");
    }
    const int64_t valid[] = {0, 3, 70};
    for (int i = 0; i < 3; ++i) {
      auto* day = response->add_days();
      day->set_date("2024-05-0" + std::to_string(i + 1));
      day->set_valid(valid[i]);
      day->set_invalid_credentials(i);
      day->set_wrong_resource(i == 2 ? 1 : 0);
      day->set_disabled(i == 1 ? 12 : 0);
    }
    return grpc::Status::OK;
  }

  grpc::Status GetApiKey(grpc::ServerContext*,
                         const v1::GetApiKeyRequest* request,
                         v1::ApiKey* key) override {
    recorded_.Append(&recorded_.got_keys, request->id());
    *key = FakeKey(request->id(), v1::API_KEY_STATE_ACTIVE);
    key->set_owner_id("u-caller01");
    key->set_owner_type(v1::ACCOUNT_TYPE_USER);
    return grpc::Status::OK;
  }

  grpc::Status ListApiKeys(grpc::ServerContext*,
                           const v1::ListApiKeysRequest* request,
                           v1::ListApiKeysResponse* response) override {
    recorded_.Set(&recorded_.list_keys_request, *request);
    *response->add_api_keys() =
        FakeKey("DISABLEDKEY00001", v1::API_KEY_STATE_DISABLED);
    return grpc::Status::OK;
  }

 private:
  Recorded& recorded_;
};

class CliFakeServerTest : public ::testing::Test {
 protected:
  CliFakeServerTest()
      : environments_(recorded_),
        role_bindings_(recorded_),
        audit_(recorded_),
        api_keys_(recorded_) {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&environments_);
    builder.RegisterService(&role_bindings_);
    builder.RegisterService(&audit_);
    builder.RegisterService(&api_keys_);
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
  FakeApiKeys api_keys_;
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

TEST_F(CliFakeServerTest, RotatePrintsTheNewSecretOnceAndSendsTheGrace) {
  CliRunner cli(address_);
  const CliResult rotated =
      cli.Run({"api-key", "rotate", "OLDKEY0000000001", "--grace", "36h"});
  ASSERT_EQ(rotated.exit_code, 0) << Show(rotated);
  EXPECT_THAT(rotated.out, HasSubstr("Key:               NEWKEY0000000001\n"));
  EXPECT_THAT(rotated.out, HasSubstr("Rotated From:      OLDKEY0000000001\n"));
  EXPECT_THAT(rotated.out,
              HasSubstr("Secret:            " + std::string(kFakeSecret)));
  EXPECT_THAT(rotated.out,
              HasSubstr("Previous Key:      OLDKEY0000000001\n"
                        "Previous Expires:  2024-05-02T10:00:00Z\n"));
  EXPECT_THAT(rotated.err, HasSubstr("shown only once"));
  EXPECT_THAT(rotated.err, HasSubstr("OLDKEY0000000001 keeps working until "
                                     "2024-05-02T10:00:00Z"));
  EXPECT_THAT(rotated.err, Not(HasSubstr("kwsec_")));
  {
    std::lock_guard<std::mutex> lock(recorded_.mutex);
    EXPECT_EQ(recorded_.rotate_request.id(), "OLDKEY0000000001");
    EXPECT_EQ(recorded_.rotate_request.grace_period().seconds(), 36 * 3600);
    EXPECT_FALSE(recorded_.rotate_request.validate_only());
  }

  // -o json: the response as is, for scripts.
  const CliResult json =
      cli.Run({"api-key", "rotate", "OLDKEY0000000001", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << Show(json);
  const Json response = Json::parse(json.out);
  EXPECT_EQ(response["api_key"]["id"], "NEWKEY0000000001");
  EXPECT_EQ(response["api_key"]["rotated_from"], "OLDKEY0000000001");
  EXPECT_EQ(response["secret"], kFakeSecret);
  EXPECT_EQ(response["previous"]["id"], "OLDKEY0000000001");
  EXPECT_EQ(response["previous"]["expire_time"], "2024-05-02T10:00:00Z");
  {
    std::lock_guard<std::mutex> lock(recorded_.mutex);
    // Without --grace the server's default applies.
    EXPECT_FALSE(recorded_.rotate_request.has_grace_period());
  }

  const CliResult dry_run = cli.Run(
      {"api-key", "rotate", "OLDKEY0000000001", "--grace", "0", "--dry-run"});
  ASSERT_EQ(dry_run.exit_code, 0) << Show(dry_run);
  EXPECT_THAT(dry_run.out, Not(HasSubstr("Secret:")));
  EXPECT_THAT(dry_run.err, HasSubstr("Dry run"));
  std::lock_guard<std::mutex> lock(recorded_.mutex);
  EXPECT_TRUE(recorded_.rotate_request.validate_only());
  EXPECT_TRUE(recorded_.rotate_request.has_grace_period());
  EXPECT_EQ(recorded_.rotate_request.grace_period().seconds(), 0);
}

TEST_F(CliFakeServerTest, RotateRefusesABadGraceBeforeCallingTheServer) {
  CliRunner cli(address_);
  const CliResult bad =
      cli.Run({"api-key", "rotate", "OLDKEY0000000001", "--grace", "1 day"});
  EXPECT_EQ(bad.exit_code, 2) << Show(bad);
  EXPECT_THAT(bad.err, StartsWith("Error: --grace: '1 day' is not a duration"));
  std::lock_guard<std::mutex> lock(recorded_.mutex);
  EXPECT_EQ(recorded_.rotate_request.id(), "");
}

TEST_F(CliFakeServerTest, DisableAndEnableShowTheKeyWithItsState) {
  CliRunner cli(address_);
  const CliResult disabled =
      cli.Run({"api-key", "disable", "KEY0000000000001"});
  ASSERT_EQ(disabled.exit_code, 0) << Show(disabled);
  EXPECT_THAT(disabled.out, HasSubstr("State:          disabled\n"));
  EXPECT_THAT(disabled.out,
              HasSubstr("Disabled:       2024-05-01T10:01:00Z\n"));
  EXPECT_THAT(disabled.out, HasSubstr("Disabled By:    u-admin001\n"));

  const Json enabled = Json::parse(
      cli.Run({"api-key", "enable", "KEY0000000000001", "-o", "json"}).out);
  EXPECT_EQ(enabled["state"], "API_KEY_STATE_ACTIVE");
  const CliResult active = cli.Run({"api-key", "enable", "KEY0000000000001"});
  EXPECT_THAT(active.out, HasSubstr("State:          active\n"));
  EXPECT_THAT(active.out, Not(HasSubstr("Disabled")));

  const CliResult dry_run =
      cli.Run({"api-key", "disable", "KEY0000000000001", "--dry-run"});
  ASSERT_EQ(dry_run.exit_code, 0) << Show(dry_run);
  EXPECT_THAT(dry_run.err, HasSubstr("Dry run"));
}

TEST_F(CliFakeServerTest, UsageIsATableOffATerminalAndNumbersInJson) {
  CliRunner cli(address_);
  const CliResult table =
      cli.Run({"api-key", "usage", "KEY0000000000001", "--days", "3"});
  ASSERT_EQ(table.exit_code, 0) << Show(table);
  EXPECT_EQ(table.out,
            "DATE        VALID  INVALID CREDENTIALS  EXPIRED  WRONG RESOURCE  "
            "DISABLED\n"
            "2024-05-01  0      0                    0        0               "
            "0\n"
            "2024-05-02  3      1                    0        0               "
            "12\n"
            "2024-05-03  70     2                    0        1               "
            "0\n");

  const CliResult json = cli.Run(
      {"api-key", "usage", "KEY0000000000001", "--days", "3", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << Show(json);
  const Json days = Json::parse(json.out);
  ASSERT_EQ(days.size(), 3u) << json.out;
  EXPECT_EQ(days[2], Json({{"date", "2024-05-03"},
                           {"valid", 70},
                           {"invalid_credentials", 2},
                           {"expired", 0},
                           {"wrong_resource", 1},
                           {"disabled", 0}}));

  const CliResult bad =
      cli.Run({"api-key", "usage", "KEY0000000000001", "--days", "400"});
  EXPECT_EQ(bad.exit_code, 2) << Show(bad);
  EXPECT_THAT(bad.err, HasSubstr("--days: '400'"));
}

TEST_F(CliFakeServerTest, UsageOnATerminalAddsASparklineOfValidVerifies) {
  CliRunner cli(address_);
  const CliResult shown = cli.RunOnTerminal(
      {"api-key", "usage", "KEY0000000000001", "--days", "3"}, {});
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_THAT(shown.out, HasSubstr("2024-05-03  70"));
  EXPECT_THAT(shown.out,
              HasSubstr("Valid per day, 2024-05-01 to 2024-05-03: ▁▂█ "
                        "(most: 70)"));
}

TEST_F(CliFakeServerTest, ListSendsItsFiltersAndShowsTheState) {
  CliRunner cli(address_);
  const CliResult listed = cli.Run(
      {"api-key", "list", "--current-user", "--unused-since", "90d",
       "--expiring-within", "7d", "--state", "disabled"},
      "",
      {{"KEYWARD_API_KEY", "CALLERKEY0000001"}, {"KEYWARD_API_SECRET", "s"}});
  ASSERT_EQ(listed.exit_code, 0) << Show(listed);
  EXPECT_EQ(listed.out,
            "KEY               OWNER        RESOURCE      STATE     "
            "DESCRIPTION      CREATED               EXPIRES\n"
            "DISABLEDKEY00001  sa-fake0001  lkc-fake0001  disabled  "
            "orders producer  2024-05-01T10:00:00Z  never\n");
  std::lock_guard<std::mutex> lock(recorded_.mutex);
  // The current user is the owner of the key keyward calls with.
  EXPECT_THAT(recorded_.got_keys, ElementsAre("CALLERKEY0000001"));
  const v1::ListApiKeysRequest& request = recorded_.list_keys_request;
  EXPECT_EQ(request.owner_id(), "u-caller01");
  EXPECT_EQ(request.state(), v1::API_KEY_STATE_DISABLED);
  const double now = static_cast<double>(std::time(nullptr));
  EXPECT_NEAR(static_cast<double>(request.unused_since().seconds()),
              now - 90.0 * 24 * 3600, 60);
  EXPECT_NEAR(static_cast<double>(request.expire_before().seconds()),
              now + 7.0 * 24 * 3600, 60);
}

TEST_F(CliFakeServerTest, ListFlagsAreCheckedBeforeAnyCall) {
  CliRunner cli(address_);
  for (const auto& [args, message] :
       std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--state", "asleep"},
            "--state: 'asleep' is not active, disabled or expired"},
           {{"--unused-since", "90"}, "--unused-since: '90' is not a duration"},
           {{"--current-user", "--user", "u-00000001"},
            "--current-user excludes --service-account and --user"},
           {{"--current-user"}, "--current-user: no credentials"}}) {
    std::vector<std::string> command = {"api-key", "list"};
    command.insert(command.end(), args.begin(), args.end());
    const CliResult result = cli.Run(command);
    EXPECT_EQ(result.exit_code, 2) << Show(result);
    EXPECT_THAT(result.err, StartsWith("Error: " + message));
  }
  std::lock_guard<std::mutex> lock(recorded_.mutex);
  EXPECT_TRUE(recorded_.got_keys.empty());
  EXPECT_EQ(recorded_.list_keys_request.page_size(), 0);
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
