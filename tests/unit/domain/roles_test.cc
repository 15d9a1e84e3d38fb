#include "services/domain/roles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keyward::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Caller Holding(std::vector<CallerRoleBinding> bindings) {
  Caller caller;
  caller.id = "u-caller01";
  caller.type = "USER";
  caller.role_bindings = std::move(bindings);
  return caller;
}

TEST(RolesTest, EachRoleIsBoundOnlyAtItsScopes) {
  EXPECT_TRUE(
      CheckRoleAtScope("role", "OrganizationAdmin", "scope", "organization")
          .ok());
  EXPECT_TRUE(
      CheckRoleAtScope("role", "EnvironmentAdmin", "scope", "env-abcd1234")
          .ok());
  EXPECT_TRUE(
      CheckRoleAtScope("role", "CloudClusterAdmin", "scope", "lkc-abcd1234")
          .ok());
  for (const char* scope : {"organization", "env-abcd1234", "lsrc-abcd1234"}) {
    EXPECT_TRUE(CheckRoleAtScope("role", "KeyVerifier", "scope", scope).ok())
        << scope;
  }
  const absl::Status org_admin_in_env =
      CheckRoleAtScope("role", "OrganizationAdmin", "scope", "env-abcd1234");
  EXPECT_EQ(org_admin_in_env.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      org_admin_in_env.message(),
      HasSubstr("scope: OrganizationAdmin is bound at \"organization\""));
  EXPECT_EQ(
      CheckRoleAtScope("role", "EnvironmentAdmin", "scope", "organization")
          .code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      CheckRoleAtScope("role", "AccountAdmin", "scope", "lkc-abcd1234").code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      CheckRoleAtScope("role", "CloudClusterAdmin", "scope", "env-abcd1234")
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(RolesTest, UnknownRolesAndMalformedScopesNameTheirField) {
  EXPECT_THAT(
      CheckRoleAtScope("role", "organizationadmin", "scope", "organization")
          .message(),
      HasSubstr("role: must be one of OrganizationAdmin"));
  EXPECT_THAT(CheckRoleAtScope("role", "", "scope", "organization").message(),
              HasSubstr("role: is required"));
  EXPECT_THAT(
      CheckRoleAtScope("role", "KeyVerifier", "scope", "ENV-1").message(),
      HasSubstr("scope: must be"));
  EXPECT_THAT(CheckRoleAtScope("role", "KeyVerifier", "scope", "").message(),
              HasSubstr("scope: is required"));
}

TEST(RolesTest, OrganizationAdminsAndAccountAdminsReadTheWholeOrganization) {
  for (const char* role : {"OrganizationAdmin", "AccountAdmin"}) {
    const ReadScope reader =
        ReadScope::Of(Holding({{role, kOrganizationScope}}));
    EXPECT_TRUE(reader.whole_organization) << role;
    EXPECT_TRUE(reader.all_accounts) << role;
    EXPECT_TRUE(reader.all_audit_events) << role;
  }
}

TEST(RolesTest, OnlyOrganizationAdminsReadWebhooks) {
  EXPECT_TRUE(
      ReadScope::Of(Holding({{"OrganizationAdmin", kOrganizationScope}}))
          .webhooks);
  EXPECT_FALSE(ReadScope::Of(Holding({{"AccountAdmin", kOrganizationScope},
                                      {"KeyVerifier", kOrganizationScope},
                                      {"OrganizationAdmin", "env-abcd1234"}}))
                   .webhooks);
}

TEST(RolesTest, ScopedAdminsReadWhatTheirScopeHolds) {
  const ReadScope reader =
      ReadScope::Of(Holding({{"EnvironmentAdmin", "env-abcd1234"},
                             {"CloudClusterAdmin", "lkc-abcd1234"}}));
  EXPECT_FALSE(reader.whole_organization);
  EXPECT_FALSE(reader.all_accounts);
  EXPECT_FALSE(reader.all_audit_events);
  EXPECT_THAT(reader.environment_ids, ElementsAre("env-abcd1234"));
  EXPECT_THAT(reader.resource_ids, ElementsAre("lkc-abcd1234"));
  EXPECT_EQ(reader.caller_id, "u-caller01");
}

TEST(RolesTest, VerifiersAndMisScopedBindingsGrantNoReads) {
  const ReadScope reader =
      ReadScope::Of(Holding({{"KeyVerifier", kOrganizationScope},
                             {"EnvironmentAdmin", kOrganizationScope},
                             {"OrganizationAdmin", "env-abcd1234"},
                             {"Root", kOrganizationScope}}));
  EXPECT_FALSE(reader.whole_organization);
  EXPECT_FALSE(reader.all_accounts);
  EXPECT_FALSE(reader.all_audit_events);
  EXPECT_THAT(reader.environment_ids, IsEmpty());
  EXPECT_THAT(reader.resource_ids, IsEmpty());
}

}  // namespace
}  // namespace keyward::domain
