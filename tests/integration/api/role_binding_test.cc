// RoleBindingService over gRPC against keywardd, the real PostgreSQL and an
// OPA of this suite's own: the default bundle plus a test rule that denies
// role-binding changes by facts the server looked up (so the test sees which
// facts reach the policy).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/policy.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "services/domain/roles.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"
#include "tests/support/opa_process.h"
#include "tests/support/scoped_policy.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

constexpr char kRoles[] =
    "OrganizationAdmin, AccountAdmin, EnvironmentAdmin, CloudClusterAdmin, "
    "KeyVerifier";

// Denies role-binding changes at scopes inside a `locked` environment, for
// principals named `frozen`, and deletes of bindings of principals named
// `pinned` (naming the binding from the facts, so the test sees them).
constexpr char kTestPolicy[] = R"rego(package keyward

role_binding_change if input.action in {"role_binding.create", "role_binding.delete"}

locked_environment := input.target.environment if input.target.environment.stage == "locked"

locked_environment := input.target.resource.environment if input.target.resource.environment.stage == "locked"

violation contains {"rule": "locked_scope", "message": sprintf("environment %s is locked", [locked_environment.id])} if {
	role_binding_change
}

violation contains {"rule": "frozen_principal", "message": sprintf("%s %s is frozen", [input.target.principal.type, input.target.principal.id])} if {
	role_binding_change
	input.target.principal.display_name == "frozen"
}

violation contains {"rule": "pinned_binding", "message": sprintf("%s of %s at %s is pinned", [b.role, b.principal_id, b.scope])} if {
	input.action == "role_binding.delete"
	input.target.principal.display_name == "pinned"
	b := input.target.role_binding
	b.id == input.request.id
}
)rego";

std::vector<std::string> Ids(
    const google::protobuf::RepeatedPtrField<v1::RoleBinding>& bindings) {
  std::vector<std::string> ids;
  for (const auto& b : bindings) ids.push_back(b.id());
  return ids;
}

std::vector<std::string> Ids(
    const google::protobuf::RepeatedPtrField<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

class RoleBindingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    opa_ = new OpaProcess();
    policy_ = new ScopedPolicy(*opa_, "role_binding_test.rego", kTestPolicy);
    server_ =
        new KeywardServer({{"KEYWARD_OPA_URL", opa_->url()},
                           {"KEYWARD_OPA_TOKEN_FILE", opa_->token_file()}});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete policy_;
    delete opa_;
  }

  void SetUp() override {
    stub_ = v1::RoleBindingService::NewStub(server_->channel());
    environments_ = v1::EnvironmentService::NewStub(server_->channel());
    resources_ = v1::ResourceService::NewStub(server_->channel());
    accounts_ = v1::AccountService::NewStub(server_->channel());
  }

  std::string Environment(const std::string& stage = "dev") {
    return make_.Environment()
        .Named("Team " + stage)
        .Stage(stage)
        .Create()
        .id();
  }

  std::string Resource(
      const std::string& environment_id,
      v1::ResourceKind kind = v1::RESOURCE_KIND_KAFKA_CLUSTER) {
    return make_.KafkaCluster(environment_id).Kind(kind).Create().id();
  }

  std::string ServiceAccount(const std::string& name = "deployer") {
    return make_.ServiceAccount().Named(name).Create().id();
  }

  std::string User() { return make_.User().Create().id(); }

  static v1::CreateRoleBindingRequest Request(const std::string& principal_id,
                                              const std::string& role,
                                              const std::string& scope) {
    v1::CreateRoleBindingRequest request;
    request.set_principal_id(principal_id);
    request.set_role(role);
    request.set_scope(scope);
    return request;
  }

  grpc::Status Create(const v1::CreateRoleBindingRequest& request,
                      v1::RoleBinding* binding) {
    return stub_->CreateRoleBinding(KeywardServer::Context().get(), request,
                                    binding);
  }

  v1::RoleBinding Create(const std::string& principal_id,
                         const std::string& role, const std::string& scope) {
    v1::RoleBinding binding;
    const grpc::Status status =
        Create(Request(principal_id, role, scope), &binding);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return binding;
  }

  grpc::Status List(const std::string& principal_id, const std::string& scope,
                    int page_size, const std::string& token,
                    v1::ListRoleBindingsResponse* response) {
    v1::ListRoleBindingsRequest request;
    request.set_principal_id(principal_id);
    request.set_scope(scope);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return stub_->ListRoleBindings(KeywardServer::Context().get(), request,
                                   response);
  }

  // Every binding id of a full walk with page_size 1.
  std::vector<std::string> ListAll(const std::string& principal_id,
                                   const std::string& scope) {
    std::vector<std::string> ids;
    std::string token;
    int pages = 0;
    do {
      v1::ListRoleBindingsResponse response;
      const grpc::Status status =
          List(principal_id, scope, 1, token, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& b : response.role_bindings()) ids.push_back(b.id());
      token = response.next_page_token();
    } while (!token.empty() && ++pages < 500);
    return ids;
  }

  grpc::Status Delete(const std::string& id, bool validate_only,
                      v1::DeleteRoleBindingResponse* response) {
    v1::DeleteRoleBindingRequest request;
    request.set_id(id);
    request.set_validate_only(validate_only);
    return stub_->DeleteRoleBinding(KeywardServer::Context().get(), request,
                                    response);
  }

  int Bindings(const std::string& id) {
    return server_->db().Count("role_bindings", "id = '" + id + "'");
  }

  static OpaProcess* opa_;
  static ScopedPolicy* policy_;
  std::unique_ptr<v1::EnvironmentService::Stub> environments_;
  std::unique_ptr<v1::ResourceService::Stub> resources_;
  std::unique_ptr<v1::AccountService::Stub> accounts_;
  Fixtures make_{server_->channel()};
  static KeywardServer* server_;
  std::unique_ptr<v1::RoleBindingService::Stub> stub_;
};

OpaProcess* RoleBindingTest::opa_ = nullptr;
ScopedPolicy* RoleBindingTest::policy_ = nullptr;
KeywardServer* RoleBindingTest::server_ = nullptr;

TEST_F(RoleBindingTest, CreateListDeleteRoundTripWithOneAuditEventEach) {
  const std::string principal = ServiceAccount();
  const v1::RoleBinding created =
      Create(principal, "OrganizationAdmin", "organization");
  EXPECT_THAT(created.id(), MatchesRegex("rb-[a-z0-9]{8}"));
  EXPECT_EQ(created.principal_id(), principal);
  EXPECT_EQ(created.role(), "OrganizationAdmin");
  EXPECT_EQ(created.scope(), "organization");
  EXPECT_GT(created.create_time().seconds(), 0);

  v1::ListRoleBindingsResponse listed;
  ASSERT_TRUE(List(principal, "", 0, "", &listed).ok());
  ASSERT_EQ(listed.role_bindings_size(), 1);
  EXPECT_EQ(listed.role_bindings(0).SerializeAsString(),
            created.SerializeAsString());
  EXPECT_EQ(listed.next_page_token(), "");

  const auto rows = server_->db().Query(
      "SELECT actor_id, allowed, validate_only, "
      "request_summary->>'principal_id', request_summary->>'role', "
      "request_summary->>'scope' FROM audit_events WHERE action = "
      "'role_binding.create' AND target_id = '" +
      created.id() + "'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "t");
  EXPECT_EQ(rows[0][2], "f");
  EXPECT_EQ(rows[0][3], principal);
  EXPECT_EQ(rows[0][4], "OrganizationAdmin");
  EXPECT_EQ(rows[0][5], "organization");

  const int audit_events = server_->db().Count("audit_events");
  v1::DeleteRoleBindingResponse deleted;
  ASSERT_TRUE(Delete(created.id(), false, &deleted).ok());
  EXPECT_EQ(deleted.id(), created.id());
  EXPECT_FALSE(deleted.validate_only());
  EXPECT_EQ(Bindings(created.id()), 0);
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events + 1);
  EXPECT_EQ(
      server_->db().Count("audit_events",
                          "action = 'role_binding.delete' AND allowed AND NOT "
                          "validate_only AND target_id = '" +
                              created.id() + "'"),
      1);
  ASSERT_TRUE(List(principal, "", 0, "", &listed).ok());
  EXPECT_THAT(listed.role_bindings(), IsEmpty());

  const grpc::Status again = Delete(created.id(), false, &deleted);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(again.error_message(),
              HasSubstr("role binding " + created.id() + " not found"));
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events + 1);
}

TEST_F(RoleBindingTest, EveryRoleAtEveryScopeKindItFitsKeysTheScope) {
  const std::string user = User();
  const std::string environment = Environment();
  std::vector<std::string> scopes = {"organization", environment};
  for (v1::ResourceKind kind :
       {v1::RESOURCE_KIND_KAFKA_CLUSTER, v1::RESOURCE_KIND_SCHEMA_REGISTRY,
        v1::RESOURCE_KIND_KSQLDB_APP, v1::RESOURCE_KIND_FLINK_REGION}) {
    scopes.push_back(Resource(environment, kind));
  }
  int fitting = 0;
  for (const std::string role :
       {"OrganizationAdmin", "AccountAdmin", "EnvironmentAdmin",
        "CloudClusterAdmin", "KeyVerifier"}) {
    for (const std::string& scope : scopes) {
      // Each role fits some scope kinds (roles.h); the rest are refused.
      const domain::ScopeKind kind = *domain::ScopeKindOf(scope);
      if (!domain::BindableAt(*domain::FindRole(role), kind)) continue;
      ++fitting;
      const v1::RoleBinding binding = Create(user, role, scope);
      EXPECT_EQ(binding.role(), role);
      EXPECT_EQ(binding.scope(), scope);
      const auto row = server_->db().Query(
          "SELECT scope_environment_id, scope_resource_id FROM "
          "role_bindings WHERE id = '" +
          binding.id() + "'");
      ASSERT_EQ(row.size(), 1u) << role << " " << scope;
      const bool is_environment = scope == environment;
      const bool is_resource = scope != environment && scope != "organization";
      EXPECT_EQ(row[0][0], is_environment ? scope : "NULL");
      EXPECT_EQ(row[0][1], is_resource ? scope : "NULL");
    }
  }
  // organization: 3 roles; the environment: 2; each resource: 2.
  EXPECT_EQ(fitting, 3 + 2 + 2 * 4);
  EXPECT_EQ(static_cast<int>(ListAll(user, "").size()), fitting);
}

TEST_F(RoleBindingTest, BadInputIsInvalidArgumentNamingTheField) {
  const std::string principal = ServiceAccount();
  const int bindings = server_->db().Count("role_bindings");
  const int audit_events = server_->db().Count("audit_events");
  struct Case {
    std::string principal_id, role, scope, expected;
  };
  const std::string p = principal;
  for (const Case& c : std::vector<Case>{
           {"", "AccountAdmin", "organization", "principal_id: is required"},
           {"env-abcdefgh", "AccountAdmin", "organization",
            "principal_id: must be a user account id (u-…) or a service "
            "account id (sa-…)"},
           {"sa-ABCDEFGH", "AccountAdmin", "organization", "principal_id:"},
           {"sa-abc", "AccountAdmin", "organization", "principal_id:"},
           {"cloud", "AccountAdmin", "organization", "principal_id:"},
           {p, "", "organization",
            std::string("role: is required (one of ") + kRoles},
           {p, "accountadmin", "organization",
            std::string("role: must be one of ") + kRoles},
           {p, "ACCOUNT_ADMIN", "organization", "role: must be one of"},
           {p, "AccountAdmin ", "organization", "role: must be one of"},
           {p, "Owner", "organization", "role: must be one of"},
           {p, "AccountAdmin", "", "scope: is required"},
           {p, "AccountAdmin", "Organization",
            "scope: must be \"organization\", an environment id (env-…) or a "
            "resource id (lkc-…, lsrc-…, lksqlc-… or lfr-…)"},
           {p, "AccountAdmin", "org", "scope: must be"},
           {p, "AccountAdmin", "cloud", "scope: must be"},
           {p, "AccountAdmin", "sa-abcdefgh", "scope: must be"},
           {p, "AccountAdmin", "rb-abcdefgh", "scope: must be"},
           {p, "AccountAdmin", "env-ABCDEFGH", "scope: must be"},
           {p, "AccountAdmin", "lkc-abc", "scope: must be"},
       }) {
    for (bool validate_only : {false, true}) {
      v1::CreateRoleBindingRequest request =
          Request(c.principal_id, c.role, c.scope);
      request.set_validate_only(validate_only);
      v1::RoleBinding binding;
      const grpc::Status status = Create(request, &binding);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << c.expected << ": " << status.error_message();
      EXPECT_THAT(status.error_message(), HasSubstr(c.expected));
    }
  }
  EXPECT_EQ(server_->db().Count("role_bindings"), bindings);
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events);
}

TEST_F(RoleBindingTest, UnknownPrincipalOrScopeIsNotFoundAndWritesNothing) {
  const std::string principal = ServiceAccount();
  const std::string environment = Environment();
  const int bindings = server_->db().Count("role_bindings");
  const int audit_events = server_->db().Count("audit_events");
  struct Case {
    std::string principal_id, scope, expected;
  };
  for (const Case& c : std::vector<Case>{
           {"sa-zzzzzzzz", "organization", "account sa-zzzzzzzz not found"},
           {"u-zzzzzzzz", environment, "account u-zzzzzzzz not found"},
           {principal, "env-zzzzzzzz", "environment env-zzzzzzzz not found"},
           {principal, "lkc-zzzzzzzz", "resource lkc-zzzzzzzz not found"},
           {principal, "lsrc-zzzzzzzz", "resource lsrc-zzzzzzzz not found"},
           {principal, "lksqlc-zzzzzzzz", "resource lksqlc-zzzzzzzz not found"},
           {principal, "lfr-zzzzzzzz", "resource lfr-zzzzzzzz not found"},
       }) {
    for (bool validate_only : {false, true}) {
      v1::CreateRoleBindingRequest request =
          Request(c.principal_id, "KeyVerifier", c.scope);
      request.set_validate_only(validate_only);
      v1::RoleBinding binding;
      const grpc::Status status = Create(request, &binding);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
          << c.expected << ": " << status.error_message();
      EXPECT_THAT(status.error_message(), HasSubstr(c.expected));
    }
  }
  EXPECT_EQ(server_->db().Count("role_bindings"), bindings);
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events);
}

TEST_F(RoleBindingTest, ADuplicateIsAlreadyExistsNamingTheExistingBinding) {
  const std::string principal = ServiceAccount();
  const std::string other = ServiceAccount();
  const std::string environment = Environment();
  const v1::RoleBinding first =
      Create(principal, "EnvironmentAdmin", environment);
  for (bool validate_only : {false, true}) {
    v1::CreateRoleBindingRequest request =
        Request(principal, "EnvironmentAdmin", environment);
    request.set_validate_only(validate_only);
    v1::RoleBinding binding;
    const grpc::Status status = Create(request, &binding);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_THAT(status.error_message(),
                HasSubstr("principal " + principal +
                          " already holds role EnvironmentAdmin at scope " +
                          environment + " (" + first.id() + ")"));
  }
  EXPECT_EQ(server_->db().Count("role_bindings",
                                "principal_id = '" + principal + "'"),
            1);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'role_binding.create' AND "
                                "request_summary->>'principal_id' = '" +
                                    principal + "'"),
            1);

  // Another role, another scope or another principal is another binding.
  Create(principal, "KeyVerifier", environment);
  Create(principal, "AccountAdmin", "organization");
  Create(other, "EnvironmentAdmin", environment);
  EXPECT_EQ(server_->db().Count("role_bindings",
                                "principal_id = '" + principal + "'"),
            3);

  // Once revoked, the role can be granted again.
  v1::DeleteRoleBindingResponse deleted;
  ASSERT_TRUE(Delete(first.id(), false, &deleted).ok());
  EXPECT_NE(Create(principal, "EnvironmentAdmin", environment).id(),
            first.id());
}

TEST_F(RoleBindingTest, ParallelDuplicateCreatesLeaveExactlyOne) {
  const std::string principal = ServiceAccount();
  constexpr int kCalls = 10;
  const std::vector<grpc::Status> statuses = InParallel(kCalls, [&](int) {
    v1::RoleBinding binding;
    return Create(Request(principal, "AccountAdmin", "organization"), &binding);
  });
  int ok = 0, exists = 0;
  for (const grpc::Status& status : statuses) {
    ok += status.ok();
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      ++exists;
      EXPECT_THAT(status.error_message(),
                  MatchesRegex(".*already holds role AccountAdmin at scope "
                               "organization \\(rb-[a-z0-9]{8}\\)"));
    }
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(exists, kCalls - 1);
  EXPECT_EQ(server_->db().Count("role_bindings",
                                "principal_id = '" + principal + "'"),
            1);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'role_binding.create' AND "
                                "request_summary->>'principal_id' = '" +
                                    principal + "'"),
            1);
}

TEST_F(RoleBindingTest, ValidateOnlyWritesOnlyItsAuditEvent) {
  const std::string principal = ServiceAccount();
  const std::string cluster = Resource(Environment());
  const int bindings = server_->db().Count("role_bindings");
  const int real_events =
      server_->db().Count("audit_events", "NOT validate_only");
  const int dry_runs = server_->db().Count("audit_events", "validate_only");

  v1::CreateRoleBindingRequest request =
      Request(principal, "CloudClusterAdmin", cluster);
  request.set_validate_only(true);
  v1::RoleBinding dry;
  ASSERT_TRUE(Create(request, &dry).ok());
  EXPECT_EQ(dry.id(), "");
  EXPECT_EQ(dry.principal_id(), principal);
  EXPECT_EQ(dry.role(), "CloudClusterAdmin");
  EXPECT_EQ(dry.scope(), cluster);
  EXPECT_GT(dry.create_time().seconds(), 0);
  EXPECT_EQ(server_->db().Count("role_bindings"), bindings);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            real_events);
  EXPECT_EQ(server_->db().Count("audit_events", "validate_only"), dry_runs + 1);
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "validate_only AND allowed AND action = "
                "'role_binding.create' AND request_summary->>'scope' = '" +
                    cluster + "'"),
            1);

  // The dry run reserved nothing: the binding can still be created.
  const v1::RoleBinding real = Create(principal, "CloudClusterAdmin", cluster);
  EXPECT_EQ(server_->db().Count("role_bindings"), bindings + 1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            real_events + 1);

  v1::DeleteRoleBindingResponse deleted;
  ASSERT_TRUE(Delete(real.id(), true, &deleted).ok());
  EXPECT_EQ(deleted.id(), real.id());
  EXPECT_TRUE(deleted.validate_only());
  EXPECT_EQ(Bindings(real.id()), 1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            real_events + 1);
  EXPECT_EQ(server_->db().Count("audit_events", "validate_only"), dry_runs + 2);
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "validate_only AND action = 'role_binding.delete' AND "
                "target_id = '" +
                    real.id() + "'"),
            1);
}

TEST_F(RoleBindingTest, DeleteOfAMalformedOrUnknownIdWritesNothing) {
  const int audit_events = server_->db().Count("audit_events");
  v1::DeleteRoleBindingResponse response;
  for (bool validate_only : {false, true}) {
    for (const std::string& bad :
         {std::string(""), std::string("rb-"), std::string("rb-ABCDEFGH"),
          std::string("sa-abcdefgh"), std::string("organization")}) {
      const grpc::Status status = Delete(bad, validate_only, &response);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
      EXPECT_THAT(status.error_message(), HasSubstr("id:")) << bad;
    }
    const grpc::Status unknown =
        Delete("rb-zzzzzzzz", validate_only, &response);
    EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_THAT(unknown.error_message(),
                HasSubstr("role binding rb-zzzzzzzz not found"));
  }
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events);
}

TEST_F(RoleBindingTest, ListFiltersByPrincipalAndScopeAndPagesExactlyOnce) {
  const std::string a = ServiceAccount();
  const std::string b = User();
  const std::string environment = Environment();
  const std::string a_org = Create(a, "AccountAdmin", "organization").id();
  const std::string a_env = Create(a, "EnvironmentAdmin", environment).id();
  const std::string b_env = Create(b, "EnvironmentAdmin", environment).id();
  const std::string b_org = Create(b, "KeyVerifier", "organization").id();

  EXPECT_THAT(ListAll(a, ""), ElementsAre(a_org, a_env));
  EXPECT_THAT(ListAll(b, ""), ElementsAre(b_env, b_org));
  EXPECT_THAT(ListAll("", environment), ElementsAre(a_env, b_env));
  EXPECT_THAT(ListAll(b, environment), ElementsAre(b_env));
  EXPECT_THAT(ListAll(a, "organization"), ElementsAre(a_org));
  EXPECT_THAT(ListAll("sa-zzzzzzzz", ""), IsEmpty());
  EXPECT_THAT(ListAll("", "env-zzzzzzzz"), IsEmpty());

  const std::vector<std::string> organization = ListAll("", "organization");
  const std::set<std::string> organization_set(organization.begin(),
                                               organization.end());
  EXPECT_EQ(organization_set.size(), organization.size());
  EXPECT_TRUE(organization_set.count(a_org) && organization_set.count(b_org));
  EXPECT_FALSE(organization_set.count(a_env) || organization_set.count(b_env));
  const std::vector<std::string> all = ListAll("", "");
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
  EXPECT_EQ(static_cast<int>(all.size()), server_->db().Count("role_bindings"));

  // A binding created mid-walk neither repeats nor hides earlier ones.
  const std::string c_env = Create(a, "KeyVerifier", environment).id();
  v1::ListRoleBindingsResponse response;
  ASSERT_TRUE(List(a, "", 2, "", &response).ok());
  EXPECT_THAT(Ids(response.role_bindings()), ElementsAre(a_org, a_env));
  const std::string late = Create(a, "KeyVerifier", "organization").id();
  ASSERT_TRUE(List(a, "", 2, response.next_page_token(), &response).ok());
  EXPECT_THAT(Ids(response.role_bindings()), ElementsAre(c_env, late));
  EXPECT_EQ(response.next_page_token(), "");
}

TEST_F(RoleBindingTest, APageTokenOnlyWorksWithItsOwnFilters) {
  const std::string a = ServiceAccount();
  const std::string b = ServiceAccount();
  const std::string environment = Environment();
  Create(a, "EnvironmentAdmin", environment);
  Create(a, "KeyVerifier", environment);
  Create(b, "KeyVerifier", environment);
  v1::ListRoleBindingsResponse response;
  ASSERT_TRUE(List(a, environment, 1, "", &response).ok());
  const std::string token = response.next_page_token();
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(List(a, environment, 5, token, &response).ok());
  EXPECT_EQ(response.role_bindings_size(), 1);

  struct Case {
    std::string principal_id, scope;
  };
  for (const Case& c : std::vector<Case>{{b, environment},
                                         {"", environment},
                                         {a, ""},
                                         {a, "organization"},
                                         {"", ""}}) {
    const grpc::Status status =
        List(c.principal_id, c.scope, 1, token, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.principal_id << " " << c.scope;
    EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  }
}

TEST_F(RoleBindingTest, MalformedListFiltersAreInvalidArgument) {
  v1::ListRoleBindingsResponse response;
  struct Case {
    std::string principal_id, scope;
    int page_size;
    std::string expected;
  };
  for (const Case& c :
       std::vector<Case>{{"env-abcdefgh", "", 0, "principal_id: must be"},
                         {"sa-", "", 0, "principal_id:"},
                         {"", "Organization", 0, "scope: must be"},
                         {"", "sa-abcdefgh", 0, "scope: must be"},
                         {"", "", -1, "page_size"},
                         {"", "", 101, "page_size"}}) {
    const grpc::Status status =
        List(c.principal_id, c.scope, c.page_size, "", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.expected << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.expected));
  }
  const grpc::Status garbage = List("", "", 0, "garbage", &response);
  EXPECT_EQ(garbage.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(garbage.error_message(), HasSubstr("page_token"));
}

TEST_F(RoleBindingTest, DeletingThePrincipalRemovesItsBindings) {
  const std::string doomed = ServiceAccount();
  const std::string kept = ServiceAccount();
  const std::string environment = Environment();
  const std::string org = Create(doomed, "AccountAdmin", "organization").id();
  const std::string env = Create(doomed, "EnvironmentAdmin", environment).id();
  const std::string other = Create(kept, "EnvironmentAdmin", environment).id();

  v1::DeleteAccountRequest request;
  request.set_id(doomed);
  request.set_validate_only(true);
  v1::DeleteAccountResponse response;
  ASSERT_TRUE(
      accounts_
          ->DeleteAccount(KeywardServer::Context().get(), request, &response)
          .ok());
  EXPECT_THAT(Ids(response.deleted_role_binding_ids()), ElementsAre(org, env));
  EXPECT_EQ(Bindings(org) + Bindings(env), 2);

  request.set_validate_only(false);
  ASSERT_TRUE(
      accounts_
          ->DeleteAccount(KeywardServer::Context().get(), request, &response)
          .ok());
  EXPECT_THAT(Ids(response.deleted_role_binding_ids()), ElementsAre(org, env));
  EXPECT_EQ(Bindings(org) + Bindings(env), 0);
  EXPECT_EQ(Bindings(other), 1);
  EXPECT_THAT(ListAll(doomed, ""), IsEmpty());
}

TEST_F(RoleBindingTest, DeletingTheScopedResourceRemovesItsBindings) {
  const std::string principal = ServiceAccount();
  const std::string environment = Environment();
  const std::string doomed = Resource(environment);
  const std::string kept = Resource(environment);
  const std::string on_doomed =
      Create(principal, "CloudClusterAdmin", doomed).id();
  const std::string verifier = Create(principal, "KeyVerifier", doomed).id();
  const std::string on_kept = Create(principal, "CloudClusterAdmin", kept).id();
  const std::string on_environment =
      Create(principal, "EnvironmentAdmin", environment).id();

  v1::DeleteResourceRequest request;
  request.set_id(doomed);
  v1::DeleteResourceResponse response;
  ASSERT_TRUE(
      resources_
          ->DeleteResource(KeywardServer::Context().get(), request, &response)
          .ok());
  EXPECT_THAT(Ids(response.deleted_role_binding_ids()),
              ElementsAre(on_doomed, verifier));
  EXPECT_EQ(Bindings(on_doomed) + Bindings(verifier), 0);
  EXPECT_EQ(Bindings(on_kept) + Bindings(on_environment), 2);
  EXPECT_THAT(ListAll("", doomed), IsEmpty());
}

TEST_F(RoleBindingTest, DeletingTheScopedEnvironmentRemovesItsBindings) {
  const std::string principal = ServiceAccount();
  const std::string doomed = Environment();
  const std::string kept = Environment();
  const std::string cluster = Resource(doomed);
  const std::string on_environment =
      Create(principal, "EnvironmentAdmin", doomed).id();
  const std::string on_cluster =
      Create(principal, "CloudClusterAdmin", cluster).id();
  const std::string on_kept = Create(principal, "EnvironmentAdmin", kept).id();
  const std::string on_organization =
      Create(principal, "KeyVerifier", "organization").id();

  v1::DeleteEnvironmentRequest request;
  request.set_id(doomed);
  request.set_force(true);
  v1::DeleteEnvironmentResponse response;
  ASSERT_TRUE(environments_
                  ->DeleteEnvironment(KeywardServer::Context().get(), request,
                                      &response)
                  .ok());
  EXPECT_THAT(Ids(response.deleted_resource_ids()), ElementsAre(cluster));
  EXPECT_THAT(Ids(response.deleted_role_binding_ids()),
              ElementsAre(on_environment, on_cluster));
  EXPECT_EQ(Bindings(on_environment) + Bindings(on_cluster), 0);
  EXPECT_EQ(Bindings(on_kept) + Bindings(on_organization), 2);
}

TEST_F(RoleBindingTest, ThePolicySeesTheScopeAndADenialWritesOnlyItsEvent) {
  const std::string principal = ServiceAccount();
  const std::string locked = Environment("locked");
  const std::string cluster = Resource(locked);
  const int bindings = server_->db().Count("role_bindings");

  for (const std::string& scope : {locked, cluster}) {
    for (bool validate_only : {false, true}) {
      const int audit_events = server_->db().Count("audit_events");
      v1::CreateRoleBindingRequest request =
          Request(principal, "KeyVerifier", scope);
      request.set_validate_only(validate_only);
      v1::RoleBinding binding;
      const grpc::Status status = Create(request, &binding);
      ASSERT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << scope << ": " << status.error_message();
      EXPECT_THAT(
          status.error_message(),
          HasSubstr("[locked_scope] environment " + locked + " is locked"));
      EXPECT_EQ(server_->db().Count("audit_events"), audit_events + 1);
      const auto rows = server_->db().Query(
          "SELECT action, allowed, validate_only, violations->0->>'rule' "
          "FROM audit_events ORDER BY id DESC LIMIT 1");
      EXPECT_EQ(rows[0][0], "role_binding.create");
      EXPECT_EQ(rows[0][1], "f");
      EXPECT_EQ(rows[0][2], validate_only ? "t" : "f");
      EXPECT_EQ(rows[0][3], "locked_scope");
    }
  }
  EXPECT_EQ(server_->db().Count("role_bindings"), bindings);

  // The same grant in an unlocked environment is allowed.
  Create(principal, "KeyVerifier", Environment());
}

TEST_F(RoleBindingTest, ThePolicySeesThePrincipalAndTheBindingOnDelete) {
  const std::string frozen = ServiceAccount("frozen");
  v1::RoleBinding binding;
  const grpc::Status denied =
      Create(Request(frozen, "AccountAdmin", "organization"), &binding);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(
      denied.error_message(),
      HasSubstr("[frozen_principal] SERVICE_ACCOUNT " + frozen + " is frozen"));

  const std::string pinned = ServiceAccount("pinned");
  const std::string environment = Environment();
  const v1::RoleBinding created =
      Create(pinned, "EnvironmentAdmin", environment);
  const int audit_events = server_->db().Count("audit_events");
  v1::DeleteRoleBindingResponse response;
  const grpc::Status status = Delete(created.id(), false, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(),
              HasSubstr("[pinned_binding] EnvironmentAdmin of " + pinned +
                        " at " + environment + " is pinned"));
  EXPECT_EQ(Bindings(created.id()), 1);
  EXPECT_EQ(server_->db().Count("audit_events"), audit_events + 1);
  EXPECT_EQ(
      server_->db().Count("audit_events",
                          "NOT allowed AND action = 'role_binding.delete' AND "
                          "target_id = '" +
                              created.id() + "'"),
      1);
}

}  // namespace
}  // namespace keyward::testing
