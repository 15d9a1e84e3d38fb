#include "services/domain/policy_input.h"

#include <gtest/gtest.h>

namespace keyward::domain {
namespace {

constexpr char kNow[] = "2026-01-01T00:00:00.000000Z";
const Time kNowTime(std::chrono::seconds(1767225600));

// The input's "target" for a question about `target`.
nlohmann::json TargetJson(PolicyTarget target) {
  PolicyQuestion question;
  question.action = "api_key.create";
  question.target = std::move(target);
  return PolicyInput(Caller{}, question, kNowTime)["target"];
}

AccountFacts ServiceAccount() {
  AccountFacts facts;
  facts.account.id = "sa-abcdefgh";
  facts.account.type = AccountType::kServiceAccount;
  facts.account.display_name = "ci";
  facts.account.description = "not part of the input";
  return facts;
}

Environment Production() {
  Environment environment;
  environment.id = "env-prod0001";
  environment.display_name = "Production";
  environment.stage = "prod";
  return environment;
}

ResourceFacts KafkaInProduction() {
  ResourceFacts facts;
  facts.resource.id = "lkc-abcdefgh";
  facts.resource.kind = ResourceKind::kKafkaCluster;
  facts.resource.environment_id = "env-prod0001";
  facts.resource.display_name = "orders";
  facts.resource.cloud = "aws";
  facts.resource.region = "eu-west-1";
  facts.environment = Production();
  return facts;
}

ApiKey NeverUsedCloudKey() {
  ApiKey key;
  key.id = "ABCDEFGHIJKLMNOP";
  key.owner_id = "sa-abcdefgh";
  key.owner_type = AccountType::kServiceAccount;
  key.resource_id = kCloudResourceId;
  key.resource_kind = ResourceKind::kCloud;
  key.display_name = "deploy";
  key.description = "deploys";
  key.created_by = "u-creator1";
  key.create_time = kNowTime - std::chrono::hours(24);
  return key;
}

TEST(PolicyInputTest, TheDocumentHasTheSixFieldsOfTheContract) {
  Caller caller;
  caller.id = "u-abcdefgh";
  caller.type = "USER";
  caller.role_bindings.push_back({"EnvironmentAdmin", "env-prod0001"});
  PolicyQuestion question;
  question.action = "environment.update";
  question.target_id = "env-prod0001";
  question.validate_only = true;
  question.request = {{"id", "env-prod0001"}, {"stage", "prod"}};
  question.target.environment = Production();
  EXPECT_EQ(PolicyInput(caller, question, kNowTime), nlohmann::json::parse(R"({
    "action": "environment.update",
    "caller": {"id": "u-abcdefgh", "type": "USER",
               "role_bindings": [{"role": "EnvironmentAdmin",
                                  "scope": "env-prod0001"}]},
    "request": {"id": "env-prod0001", "stage": "prod"},
    "target": {"environment": {"id": "env-prod0001",
                               "display_name": "Production",
                               "stage": "prod"}},
    "validate_only": true,
    "now": "2026-01-01T00:00:00.000000Z"})"));
}

TEST(PolicyInputTest, ACallerWithoutBindingsAndAWriteWithoutFacts) {
  PolicyQuestion question;
  question.action = "environment.create";
  const nlohmann::json input = PolicyInput(Caller{}, question, kNowTime);
  EXPECT_EQ(input["caller"], nlohmann::json::parse(R"(
    {"id": "anonymous", "type": "anonymous", "role_bindings": []})"));
  EXPECT_EQ(input["request"], nlohmann::json::object());
  EXPECT_EQ(input["target"], nlohmann::json::object());
  EXPECT_EQ(input["validate_only"], false);
  EXPECT_EQ(input["now"], kNow);
}

TEST(PolicyInputTest, AnAccountWithoutRoleBindingsHasAnEmptyList) {
  PolicyTarget target;
  target.account = ServiceAccount();
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({"account": {
    "id": "sa-abcdefgh", "type": "SERVICE_ACCOUNT", "display_name": "ci",
    "email": "", "role_bindings": []}})"));
}

TEST(PolicyInputTest, AnOwnersRoleBindingsCarryTheEnvironmentTheirScopeIsIn) {
  PolicyTarget target;
  target.owner = ServiceAccount();
  target.owner->account.type = AccountType::kUser;
  target.owner->account.email = "ada@example.com";
  RoleBinding organization;
  organization.id = "rb-abcdefgh";
  organization.role = "OrganizationAdmin";
  organization.scope = kOrganizationScope;
  RoleBinding cluster;
  cluster.role = "ResourceOwner";
  cluster.scope = "lkc-abcdefgh";
  cluster.environment_id = "env-prod0001";
  target.owner->role_bindings = {organization, cluster};
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({"owner": {
    "id": "sa-abcdefgh", "type": "USER", "display_name": "ci",
    "email": "ada@example.com",
    "role_bindings": [
      {"role": "OrganizationAdmin", "scope": "organization",
       "environment_id": ""},
      {"role": "ResourceOwner", "scope": "lkc-abcdefgh",
       "environment_id": "env-prod0001"}]}})"));
}

TEST(PolicyInputTest, AResourceCarriesItsEnvironment) {
  PolicyTarget target;
  target.resource = KafkaInProduction();
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({"resource": {
    "id": "lkc-abcdefgh", "kind": "KAFKA_CLUSTER", "display_name": "orders",
    "cloud": "aws", "region": "eu-west-1",
    "environment": {"id": "env-prod0001", "display_name": "Production",
                    "stage": "prod"}}})"));
}

TEST(PolicyInputTest, TheCloudIsOnlyItsIdAndKind) {
  PolicyTarget target;
  target.resource = ResourceFacts::Cloud();
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"(
    {"resource": {"id": "cloud", "kind": "CLOUD"}})"));
}

TEST(PolicyInputTest, AKeyNeverUsedAndWithoutExpiryHasNullTimes) {
  PolicyTarget target;
  target.api_key = NeverUsedCloudKey();
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({"api_key": {
    "id": "ABCDEFGHIJKLMNOP", "owner_id": "sa-abcdefgh",
    "owner_type": "SERVICE_ACCOUNT", "resource_id": "cloud",
    "resource_kind": "CLOUD", "display_name": "deploy",
    "description": "deploys", "create_time": "2025-12-31T00:00:00.000000Z",
    "expire_time": null, "last_used_time": null, "state": "ACTIVE",
    "disable_time": null, "disabled_by": ""}})"));
}

TEST(PolicyInputTest, AKeysLastUseAndExpiryAreTimes) {
  PolicyTarget target;
  target.api_key = NeverUsedCloudKey();
  target.api_key->last_used_time = kNowTime - std::chrono::minutes(5);
  target.api_key->expire_time = kNowTime + std::chrono::hours(1);
  const nlohmann::json key = TargetJson(target)["api_key"];
  EXPECT_EQ(key["last_used_time"], "2025-12-31T23:55:00.000000Z");
  EXPECT_EQ(key["expire_time"], "2026-01-01T01:00:00.000000Z");
}

TEST(PolicyInputTest, ADisabledKeysStateDisableTimeAndDisablerAreFacts) {
  PolicyTarget target;
  target.api_key = NeverUsedCloudKey();
  target.api_key->disable_time = kNowTime - std::chrono::hours(2);
  target.api_key->disabled_by = "u-admin001";
  target.api_key->state = ApiKeyState::kDisabled;
  const nlohmann::json key = TargetJson(target)["api_key"];
  EXPECT_EQ(key["state"], "DISABLED");
  EXPECT_EQ(key["disable_time"], "2025-12-31T22:00:00.000000Z");
  EXPECT_EQ(key["disabled_by"], "u-admin001");
}

TEST(PolicyInputTest, AnAccountsKeysAreTheirIdsResourcesAndLastUse) {
  PolicyTarget target;
  target.api_keys =
      std::vector<ApiKey>{NeverUsedCloudKey(), NeverUsedCloudKey()};
  (*target.api_keys)[1].id = "QRSTUVWXYZ012345";
  (*target.api_keys)[1].resource_id = "lkc-abcdefgh";
  (*target.api_keys)[1].last_used_time = kNowTime;
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({"api_keys": [
    {"id": "ABCDEFGHIJKLMNOP", "resource_id": "cloud",
     "last_used_time": null},
    {"id": "QRSTUVWXYZ012345", "resource_id": "lkc-abcdefgh",
     "last_used_time": "2026-01-01T00:00:00.000000Z"}]})"));
}

TEST(PolicyInputTest, AnAccountWithoutKeysHasAnEmptyListNotNone) {
  PolicyTarget target;
  target.api_keys = std::vector<ApiKey>();
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({"api_keys": []})"));
}

TEST(PolicyInputTest, ANewKeysFactsAreOwnerResourceAndCounts) {
  PolicyTarget target;
  target.owner = ServiceAccount();
  target.resource = ResourceFacts::Cloud();
  target.key_counts = KeyCounts{3, 1};
  const nlohmann::json json = TargetJson(target);
  EXPECT_EQ(json.size(), 3u);
  EXPECT_EQ(json["owner"]["id"], "sa-abcdefgh");
  EXPECT_EQ(json["resource"]["id"], "cloud");
  EXPECT_EQ(json["key_counts"], nlohmann::json::parse(R"(
    {"owner_total": 3, "owner_on_resource": 1})"));
}

TEST(PolicyInputTest, ARoleBindingAndAnInvitation) {
  PolicyTarget target;
  target.role_binding = RoleBinding{};
  target.role_binding->id = "rb-abcdefgh";
  target.role_binding->principal_id = "u-abcdefgh";
  target.role_binding->role = "EnvironmentAdmin";
  target.role_binding->scope = "env-prod0001";
  target.role_binding->environment_id = "env-prod0001";
  target.role_binding->create_time = kNowTime;
  target.invitation = Invitation{};
  target.invitation->account_id = "u-abcdefgh";
  target.invitation->created_by = "u-creator1";
  target.invitation->create_time = kNowTime;
  target.invitation->expire_time = kNowTime + std::chrono::hours(72);
  EXPECT_EQ(TargetJson(target), nlohmann::json::parse(R"({
    "role_binding": {"id": "rb-abcdefgh", "principal_id": "u-abcdefgh",
                     "role": "EnvironmentAdmin", "scope": "env-prod0001",
                     "create_time": "2026-01-01T00:00:00.000000Z"},
    "invitation": {"account_id": "u-abcdefgh",
                   "expire_time": "2026-01-04T00:00:00.000000Z"}})"));
}

}  // namespace
}  // namespace keyward::domain
