// RoleBindingManager without a database: principal, role and scope checked
// before anything else, the facts of the principal and scope in the policy
// target, unknown principals or scopes and denials writing nothing, a
// delete that shows the policy the binding it removes, and list filters in
// the page-token scope.
#include "services/domain/role_binding_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/domain/manager_test_support.h"

namespace keyward::domain {
namespace {

using ::testing::ElementsAre;
using testing::FakeRoleBindings;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

class RoleBindingManagerTest : public testing::ManagerTest {
 protected:
  RoleBindingManagerTest()
      : manager_(repository_, policy_.gate, policy_.facts, page_tokens_) {}

  const nlohmann::json& LastInput() { return policy_.client.inputs.back(); }

  FakeRoleBindings repository_;
  RoleBindingManager manager_;
};

TEST_F(RoleBindingManagerTest,
       AnOrganizationBindingShowsThePolicyThePrincipal) {
  const auto binding = manager_.Create(caller_, "sa-abcdefgh", "AccountAdmin",
                                       "organization", false);
  ASSERT_TRUE(binding.ok()) << binding.status();
  EXPECT_THAT(binding->id, MatchesRegex("rb-[a-z0-9]{8}"));
  EXPECT_EQ(binding->principal_id, "sa-abcdefgh");
  EXPECT_EQ(binding->role, "AccountAdmin");
  EXPECT_EQ(repository_.stored.count(binding->id), 1u);

  EXPECT_EQ(LastInput()["action"], "role_binding.create");
  EXPECT_EQ(LastInput()["request"],
            nlohmann::json({{"principal_id", "sa-abcdefgh"},
                            {"role", "AccountAdmin"},
                            {"scope", "organization"}}));
  EXPECT_EQ(LastInput()["target"]["principal"]["id"], "sa-abcdefgh");
  EXPECT_FALSE(LastInput()["target"].contains("environment"));
  EXPECT_FALSE(LastInput()["target"].contains("resource"));
}

TEST_F(RoleBindingManagerTest, AScopedBindingShowsThePolicyItsScope) {
  ASSERT_TRUE(manager_
                  .Create(caller_, "u-abcdefgh", "EnvironmentAdmin",
                          "env-abcdefgh", false)
                  .ok());
  EXPECT_EQ(LastInput()["target"]["environment"]["id"], "env-abcdefgh");

  ASSERT_TRUE(manager_
                  .Create(caller_, "u-abcdefgh", "CloudClusterAdmin",
                          "lkc-abcdefgh", false)
                  .ok());
  EXPECT_EQ(LastInput()["target"]["resource"]["id"], "lkc-abcdefgh");
  EXPECT_THAT(
      policy_.facts.looked_up,
      ElementsAre("u-abcdefgh", "env-abcdefgh", "u-abcdefgh", "lkc-abcdefgh"));
}

TEST_F(RoleBindingManagerTest, ValidateOnlyReturnsNoIdAndStoresNothing) {
  const auto binding = manager_.Create(caller_, "sa-abcdefgh", "KeyVerifier",
                                       "organization", true);
  ASSERT_TRUE(binding.ok()) << binding.status();
  EXPECT_EQ(binding->id, "");
  EXPECT_EQ(binding->role, "KeyVerifier");
  EXPECT_THAT(repository_.stored, IsEmpty());
}

TEST_F(RoleBindingManagerTest, BadPrincipalRoleOrScopeIsRefusedFirst) {
  struct Case {
    std::string principal, role, scope, problem;
  };
  for (const Case& c : {
           Case{"env-abcdefgh", "AccountAdmin", "organization",
                "principal_id: must be"},
           Case{"sa-abcdefgh", "accountadmin", "organization",
                "role: must be one of"},
           Case{"sa-abcdefgh", "", "organization", "role: is required"},
           Case{"sa-abcdefgh", "AccountAdmin", "everywhere", "scope: "},
           Case{"sa-abcdefgh", "OrganizationAdmin", "env-abcdefgh",
                "scope: OrganizationAdmin is bound at"},
       }) {
    const auto binding =
        manager_.Create(caller_, c.principal, c.role, c.scope, false);
    EXPECT_EQ(binding.status().code(), absl::StatusCode::kInvalidArgument)
        << c.problem;
    EXPECT_THAT(std::string(binding.status().message()), StartsWith(c.problem));
  }
  EXPECT_THAT(policy_.facts.looked_up, IsEmpty());
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(RoleBindingManagerTest, AnUnknownPrincipalOrScopeIsNotFound) {
  policy_.facts.missing = {"sa-gone0000", "env-gone0000"};
  EXPECT_EQ(
      manager_
          .Create(caller_, "sa-gone0000", "AccountAdmin", "organization", false)
          .status()
          .code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(manager_
                .Create(caller_, "sa-abcdefgh", "EnvironmentAdmin",
                        "env-gone0000", false)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(policy_.client.inputs, IsEmpty());
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(RoleBindingManagerTest, ADenialWritesNothing) {
  policy_.client.Deny("no_self_grant");
  const auto binding = manager_.Create(
      caller_, "u-caller01", "OrganizationAdmin", "organization", false);
  EXPECT_EQ(binding.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(binding.status().message()),
              HasSubstr("no_self_grant"));
  EXPECT_EQ(repository_.writes.count, 0);
}

TEST_F(RoleBindingManagerTest, ADeleteShowsThePolicyTheBindingItRemoves) {
  repository_.Add("rb-abcdefgh", "sa-abcdefgh", "EnvironmentAdmin",
                  "env-abcdefgh");
  const auto deleted = manager_.Delete(caller_, "rb-abcdefgh", false);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->id, "rb-abcdefgh");
  EXPECT_EQ(repository_.stored.count("rb-abcdefgh"), 0u);
  EXPECT_EQ(repository_.writes.last_reader.caller_id, "u-caller01");

  EXPECT_EQ(LastInput()["action"], "role_binding.delete");
  const nlohmann::json& target = LastInput()["target"];
  EXPECT_EQ(target["principal"]["id"], "sa-abcdefgh");
  EXPECT_EQ(target["environment"]["id"], "env-abcdefgh");
  EXPECT_EQ(target["role_binding"]["id"], "rb-abcdefgh");
  EXPECT_EQ(target["role_binding"]["role"], "EnvironmentAdmin");
  EXPECT_EQ(target["role_binding"]["scope"], "env-abcdefgh");
}

TEST_F(RoleBindingManagerTest, TheLastOrganizationAdminBindingStaysAndSaysWhy) {
  repository_.Add("rb-abcdefgh", "u-abcdefgh", "OrganizationAdmin",
                  "organization");
  repository_.last_admin_binding = "rb-abcdefgh";
  const auto deleted = manager_.Delete(caller_, "rb-abcdefgh", false);
  EXPECT_EQ(repository_.kept_admin.role, "OrganizationAdmin");
  EXPECT_EQ(repository_.kept_admin.scope, "organization");
  EXPECT_EQ(deleted.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(deleted.status().message(),
            "rb-abcdefgh is the organization's last OrganizationAdmin "
            "binding: grant OrganizationAdmin at organization to another "
            "account first");
  EXPECT_EQ(repository_.stored.count("rb-abcdefgh"), 1u);
}

TEST_F(RoleBindingManagerTest, DeletingAnUnseenOrDeniedBindingRemovesNothing) {
  EXPECT_EQ(manager_.Delete(caller_, "rb-abcdefgh", false).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(manager_.Delete(caller_, "sa-abcdefgh", false).status().code(),
            absl::StatusCode::kInvalidArgument);

  repository_.Add("rb-abcdefgh", "sa-abcdefgh", "AccountAdmin", "organization");
  policy_.client.Deny("pinned_binding");
  EXPECT_EQ(manager_.Delete(caller_, "rb-abcdefgh", false).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(repository_.writes.count, 0);
  EXPECT_EQ(repository_.stored.count("rb-abcdefgh"), 1u);
}

TEST_F(RoleBindingManagerTest, ListPassesItsFiltersAndBindsTokensToThem) {
  for (const char* id : {"rb-aaaaaaaa", "rb-bbbbbbbb", "rb-cccccccc"}) {
    repository_.Add(id, "sa-abcdefgh", "AccountAdmin", "organization");
  }
  const auto first =
      manager_.List(caller_, "sa-abcdefgh", "organization", 2, "");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(repository_.last_principal_filter, "sa-abcdefgh");
  EXPECT_EQ(repository_.last_scope_filter, "organization");
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_FALSE(first->next_page_token.empty());

  EXPECT_TRUE(manager_
                  .List(caller_, "sa-abcdefgh", "organization", 2,
                        first->next_page_token)
                  .ok());
  EXPECT_EQ(manager_
                .List(caller_, "sa-other000", "organization", 2,
                      first->next_page_token)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);

  ASSERT_TRUE(manager_.List(caller_, "", "", 0, "").ok());
  EXPECT_EQ(repository_.last_principal_filter, std::nullopt);
  EXPECT_EQ(repository_.last_scope_filter, std::nullopt);
}

TEST_F(RoleBindingManagerTest, ListRefusesBadFilters) {
  EXPECT_EQ(manager_.List(caller_, "env-abcdefgh", "", 0, "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(manager_.List(caller_, "", "everywhere", 0, "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(repository_.writes.last_page.has_value());
}

TEST(RoleBindingListScopeTest, EveryFilterIsPartOfTheScope) {
  EXPECT_EQ(RoleBindingListScope("", ""), "role_bindings|principal=|scope=");
  EXPECT_NE(RoleBindingListScope("sa-abcdefgh", ""),
            RoleBindingListScope("", "sa-abcdefgh"));
}

}  // namespace
}  // namespace keyward::domain
