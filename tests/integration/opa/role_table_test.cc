// keywardd's role table (services/domain/roles.cc) against the Rego matrix
// (policy/keyward/authorization.rego): reads and role/scope validity come
// from the one, writes are decided by the other, so they must agree. Every
// role, bound at each scope kind, asks the real policy for a create and a
// delete of every object kind within that scope.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "services/domain/roles.h"
#include "services/opa/opa_client.h"
#include "tests/support/opa_process.h"

namespace keyward::domain {
namespace {

constexpr char kEnvironment[] = "env-aaaaaaaa";
constexpr char kCluster[] = "lkc-aaaaaaaa";

std::string ScopeOfKind(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kOrganization:
      return kOrganizationScope;
    case ScopeKind::kEnvironment:
      return kEnvironment;
    case ScopeKind::kResource:
      break;
  }
  return kCluster;
}

// A request on an object of `kind` inside kCluster (so inside kEnvironment
// and the organization), which breaks no governance rule.
nlohmann::json Input(const std::string& role, const std::string& scope,
                     absl::string_view kind, const std::string& verb) {
  const nlohmann::json environment = {
      {"id", kEnvironment}, {"display_name", "A"}, {"stage", "dev"}};
  const nlohmann::json owner = {{"id", "sa-owner001"},
                                {"type", "SERVICE_ACCOUNT"},
                                {"role_bindings", nlohmann::json::array()}};
  return {{"action", std::string(kind) + "." + verb},
          {"caller",
           {{"id", "sa-caller01"},
            {"type", "SERVICE_ACCOUNT"},
            {"role_bindings", {{{"role", role}, {"scope", scope}}}}}},
          {"request",
           {{"description", "role table test"},
            {"owner_id", "sa-owner001"},
            {"principal_id", "sa-owner001"},
            {"role", "KeyVerifier"},
            {"scope", kCluster}}},
          {"target",
           {{"owner", owner},
            {"principal", owner},
            {"environment", environment},
            {"resource",
             {{"id", kCluster},
              {"kind", "KAFKA_CLUSTER"},
              {"environment", environment}}}}},
          {"validate_only", true},
          {"now", "2026-12-02T00:00:00Z"}};
}

bool NotAuthorized(const PolicyDecision& decision) {
  for (const PolicyViolation& violation : decision.violations) {
    if (violation.rule == "not_authorized") return true;
  }
  return false;
}

TEST(RoleTableTest, ThePolicyAllowsExactlyWhatTheRoleTableSays) {
  testing::OpaProcess opa;
  opa::OpaClient client(opa.url(), opa.token());
  int asked = 0;
  for (const RoleDefinition& role : Roles()) {
    for (ScopeKind scope_kind :
         {ScopeKind::kOrganization, ScopeKind::kEnvironment,
          ScopeKind::kResource}) {
      const bool bindable = BindableAt(role, scope_kind);
      const std::string scope = ScopeOfKind(scope_kind);
      for (absl::string_view kind : kObjectKinds) {
        for (const char* verb : {"create", "delete"}) {
          const nlohmann::json input =
              Input(std::string(role.name), scope, kind, verb);
          auto decision =
              client.Decide(input, std::chrono::system_clock::now() +
                                       std::chrono::seconds(10));
          ASSERT_TRUE(decision.ok()) << decision.status();
          ++asked;
          const bool expected = bindable && Manages(role, kind);
          EXPECT_EQ(!NotAuthorized(*decision), expected)
              << role.name << " at " << scope << ": " << kind << "." << verb
              << " (the table says " << (expected ? "allowed" : "denied")
              << ")";
        }
      }
    }
  }
  EXPECT_EQ(asked, static_cast<int>(Roles().size()) * 3 *
                       static_cast<int>(std::size(kObjectKinds)) * 2);
}

TEST(RoleTableTest, ABindingElsewhereAllowsNothingHere) {
  testing::OpaProcess opa;
  opa::OpaClient client(opa.url(), opa.token());
  for (const RoleDefinition& role : Roles()) {
    for (const char* elsewhere : {"env-bbbbbbbb", "lkc-bbbbbbbb"}) {
      for (absl::string_view kind : kObjectKinds) {
        auto decision = client.Decide(
            Input(std::string(role.name), elsewhere, kind, "create"),
            std::chrono::system_clock::now() + std::chrono::seconds(10));
        ASSERT_TRUE(decision.ok()) << decision.status();
        EXPECT_TRUE(NotAuthorized(*decision))
            << role.name << " at " << elsewhere << ": " << kind << ".create";
      }
    }
  }
}

}  // namespace
}  // namespace keyward::domain
