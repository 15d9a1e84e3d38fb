#include "services/domain/audit_subjects.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

AccountFacts AccountWithId(const std::string& id) {
  AccountFacts facts;
  facts.account.id = id;
  return facts;
}

TEST(AuditSubjectsTest, TheTargetThenTheRequestsIdsThenWhatTheTargetsBelongTo) {
  const nlohmann::json request = {{"owner_id", ""},
                                  {"resource_id", "lkc-abcdefgh"},
                                  {"display_name", "env-notanid1"}};
  PolicyTarget target;
  target.owner = AccountWithId("u-abcdefgh");
  RoleBinding elsewhere;
  elsewhere.scope = "env-otherenv";
  elsewhere.environment_id = "env-otherenv";
  target.owner->role_bindings.push_back(elsewhere);
  target.resource = ResourceFacts{};
  target.resource->resource.id = "lkc-abcdefgh";
  target.resource->environment = Environment{};
  target.resource->environment->id = "env-abcdefgh";
  EXPECT_THAT(AuditSubjects("ABCDEFGHIJKLMNOP", request, target),
              ElementsAre("ABCDEFGHIJKLMNOP", "lkc-abcdefgh", "u-abcdefgh",
                          "env-abcdefgh"));
}

TEST(AuditSubjectsTest, AKeysOwnerAndResourceAndABindingsPrincipalAndScope) {
  PolicyTarget key_target;
  key_target.api_key = ApiKey{};
  key_target.api_key->id = "ABCDEFGHIJKLMNOP";
  key_target.api_key->owner_id = "sa-abcdefgh";
  key_target.api_key->resource_id = "lsrc-abcdefgh";
  EXPECT_THAT(AuditSubjects("", nlohmann::json::object(), key_target),
              ElementsAre("ABCDEFGHIJKLMNOP", "sa-abcdefgh", "lsrc-abcdefgh"));

  PolicyTarget binding_target;
  binding_target.principal = AccountWithId("u-abcdefgh");
  binding_target.environment = Environment{};
  binding_target.environment->id = "env-abcdefgh";
  binding_target.role_binding = RoleBinding{};
  binding_target.role_binding->id = "rb-abcdefgh";
  binding_target.role_binding->principal_id = "u-abcdefgh";
  binding_target.role_binding->scope = "env-abcdefgh";
  EXPECT_THAT(
      AuditSubjects("rb-abcdefgh", nlohmann::json::object(), binding_target),
      ElementsAre("rb-abcdefgh", "u-abcdefgh", "env-abcdefgh"));
}

TEST(AuditSubjectsTest, WordsThatAreNotIdsAreLeftOut) {
  PolicyTarget cloud;
  cloud.resource = ResourceFacts::Cloud();
  EXPECT_THAT(AuditSubjects("",
                            {{"resource_id", "cloud"},
                             {"scope", "organization"},
                             {"principal_id", "sa-abcdefgh"}},
                            cloud),
              ElementsAre("sa-abcdefgh"));
  EXPECT_THAT(
      AuditSubjects("10.0.0.1", nlohmann::json::object(), PolicyTarget{}),
      IsEmpty());
}

TEST(AuditSubjectsTest, RequestFieldsOfAnotherShapeAreIgnored) {
  EXPECT_THAT(AuditSubjects("", {{"id", 42}, {"owner_id", "sa-abcdefgh"}},
                            PolicyTarget{}),
              ElementsAre("sa-abcdefgh"));
  EXPECT_THAT(
      AuditSubjects("", nlohmann::json::array({"sa-abcdefgh"}), PolicyTarget{}),
      IsEmpty());
}

TEST(AuditSubjectsTest, ADeletedAccountsKeysAreNotSubjects) {
  PolicyTarget target;
  target.account = AccountWithId("sa-abcdefgh");
  target.api_keys = std::vector<ApiKey>(1);
  target.api_keys->front().id = "ABCDEFGHIJKLMNOP";
  EXPECT_THAT(AuditSubjects("sa-abcdefgh", {{"id", "sa-abcdefgh"}}, target),
              ElementsAre("sa-abcdefgh"));
}

}  // namespace
}  // namespace keyward::domain
