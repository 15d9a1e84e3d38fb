// The authorization model of DESIGN.md §1 through gRPC against the real OPA
// and PostgreSQL, tried as an attacker would: minting keys for stronger
// accounts or for other users, binding roles at scopes they do not fit,
// removing the last OrganizationAdmin, paging through what one may not see,
// and roles that must apply the moment they are granted or removed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/environment.grpc.pb.h"
#include "keyward/v1/resource.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Stubs on one keywardd, and the calls these tests make through them as a
// given caller (`authorization` empty: the bootstrap admin).
class Client {
 public:
  explicit Client(std::shared_ptr<grpc::Channel> channel)
      : resources_(v1::ResourceService::NewStub(channel)),
        accounts_(v1::AccountService::NewStub(channel)),
        keys_(v1::ApiKeyService::NewStub(channel)),
        bindings_(v1::RoleBindingService::NewStub(channel)),
        make_(channel) {}

  std::string Environment(const std::string& as = "") {
    EnvironmentFixture environment = make_.Environment().Named("env");
    if (!as.empty()) environment.As(as);
    return environment.Create().id();
  }

  grpc::Status CreateCluster(const std::string& environment_id,
                             const std::string& as, bool validate_only,
                             std::string* id = nullptr) {
    v1::CreateResourceRequest request;
    request.set_environment_id(environment_id);
    request.set_kind(v1::RESOURCE_KIND_KAFKA_CLUSTER);
    request.set_display_name("cluster");
    request.set_cloud("aws");
    request.set_region("us-east-1");
    request.set_validate_only(validate_only);
    v1::Resource resource;
    grpc::Status status =
        resources_->CreateResource(Context(as).get(), request, &resource);
    if (id != nullptr) *id = resource.id();
    return status;
  }

  std::string Cluster(const std::string& environment_id) {
    return make_.KafkaCluster(environment_id).Named("cluster").Create().id();
  }

  std::string ServiceAccount() {
    return make_.ServiceAccount().Named("principal").Create().id();
  }

  std::string User(const std::string& email) {
    return make_.User().Email(email).Named("a user").Create().id();
  }

  grpc::Status Grant(const std::string& principal, const std::string& role,
                     const std::string& scope, const std::string& as = "",
                     std::string* id = nullptr) {
    v1::CreateRoleBindingRequest request;
    request.set_principal_id(principal);
    request.set_role(role);
    request.set_scope(scope);
    v1::RoleBinding binding;
    grpc::Status status =
        bindings_->CreateRoleBinding(Context(as).get(), request, &binding);
    if (id != nullptr) *id = binding.id();
    return status;
  }

  grpc::Status Revoke(const std::string& binding_id, bool validate_only = false,
                      const std::string& as = "") {
    v1::DeleteRoleBindingRequest request;
    request.set_id(binding_id);
    request.set_validate_only(validate_only);
    v1::DeleteRoleBindingResponse response;
    return bindings_->DeleteRoleBinding(Context(as).get(), request, &response);
  }

  grpc::Status Invite(const std::string& account_id, const std::string& as,
                      v1::Invitation* invitation = nullptr) {
    v1::CreateInvitationRequest request;
    request.set_account_id(account_id);
    v1::Invitation ignored;
    return accounts_->CreateInvitation(
        Context(as).get(), request,
        invitation != nullptr ? invitation : &ignored);
  }

  // RedeemInvitation, with no credentials.
  grpc::Status Redeem(const std::string& token) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    v1::RedeemInvitationRequest request;
    request.set_token(token);
    request.set_description("first key");
    v1::CreateApiKeyResponse created;
    return accounts_->RedeemInvitation(&context, request, &created);
  }

  grpc::Status DeleteAccount(const std::string& id, bool validate_only,
                             const std::string& as = "") {
    v1::DeleteAccountRequest request;
    request.set_id(id);
    request.set_force(true);
    request.set_validate_only(validate_only);
    v1::DeleteAccountResponse response;
    return accounts_->DeleteAccount(Context(as).get(), request, &response);
  }

  grpc::Status DeleteKey(const std::string& id, const std::string& as) {
    v1::DeleteApiKeyRequest request;
    request.set_id(id);
    v1::DeleteApiKeyResponse response;
    return keys_->DeleteApiKey(Context(as).get(), request, &response);
  }

  std::vector<v1::RoleBinding> BindingsOf(const std::string& principal) {
    v1::ListRoleBindingsRequest request;
    request.set_principal_id(principal);
    request.set_page_size(100);
    v1::ListRoleBindingsResponse response;
    EXPECT_TRUE(
        bindings_->ListRoleBindings(Context("").get(), request, &response)
            .ok());
    return {response.role_bindings().begin(), response.role_bindings().end()};
  }

  grpc::Status CreateKey(const std::string& owner, const std::string& resource,
                         const std::string& as = "",
                         v1::CreateApiKeyResponse* created = nullptr) {
    v1::CreateApiKeyRequest request;
    request.set_owner_id(owner);
    request.set_resource_id(resource);
    request.set_description("authorization model test key");
    v1::CreateApiKeyResponse response;
    grpc::Status status =
        keys_->CreateApiKey(Context(as).get(), request, &response);
    if (created != nullptr) *created = response;
    return status;
  }

  // The authorization value of a new Cloud key of `owner`, created by the
  // admin.
  std::string LoginOf(const std::string& owner) {
    return KeywardServer::BasicAuthorization(
        Credentials(make_.ApiKey(owner, "cloud").Create()));
  }

  v1::ListApiKeysResponse ListKeys(const std::string& as, int page_size,
                                   const std::string& page_token,
                                   grpc::Status* status = nullptr) {
    v1::ListApiKeysRequest request;
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    v1::ListApiKeysResponse response;
    grpc::Status result =
        keys_->ListApiKeys(Context(as).get(), request, &response);
    if (status != nullptr) {
      *status = result;
    } else {
      EXPECT_TRUE(result.ok()) << result.error_message();
    }
    return response;
  }

 private:
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& as) {
    return CallContext(as.empty() ? std::nullopt
                                  : std::optional<std::string>(as));
  }

  std::unique_ptr<v1::ResourceService::Stub> resources_;
  std::unique_ptr<v1::AccountService::Stub> accounts_;
  std::unique_ptr<v1::ApiKeyService::Stub> keys_;
  std::unique_ptr<v1::RoleBindingService::Stub> bindings_;
  Fixtures make_;
};

class AuthorizationModelTest : public ::testing::Test {
 protected:
  // Cached role bindings live a minute here, so only the invalidation on
  // change can make a grant or removal apply at once.
  AuthorizationModelTest()
      : server_(std::map<std::string, std::string>{
            {"KEYWARD_ROLE_BINDING_CACHE_TTL", "60s"}}),
        client_(server_.channel()) {}

  // A service account holding `role` at `scope`, and its login.
  std::pair<std::string, std::string> Holder(const std::string& role,
                                             const std::string& scope) {
    const std::string id = client_.ServiceAccount();
    EXPECT_TRUE(client_.Grant(id, role, scope).ok());
    return {id, client_.LoginOf(id)};
  }

  KeywardServer server_;
  Client client_;
};

TEST_F(AuthorizationModelTest, AnAccountAdminMayNotMintAnOrganizationAdminKey) {
  const auto [account_admin, login] = Holder("AccountAdmin", "organization");
  const auto [org_admin_sa, unused] =
      Holder("OrganizationAdmin", "organization");
  const grpc::Status status = client_.CreateKey(org_admin_sa, "cloud", login);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("[no_escalation]"));
  // The bootstrap admin is a user: nobody else creates its keys.
  const grpc::Status admin_key =
      client_.CreateKey(server_.admin_id(), "cloud", login);
  EXPECT_EQ(admin_key.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Keys for weaker accounts are still the AccountAdmin's job.
  EXPECT_TRUE(client_.CreateKey(client_.ServiceAccount(), "cloud", login).ok());
}

TEST_F(AuthorizationModelTest, AnInvitationIsNoWayAroundIt) {
  const auto [account_admin, login] = Holder("AccountAdmin", "organization");
  const std::string strong_user = client_.User("strong@example.com");
  ASSERT_TRUE(
      client_.Grant(strong_user, "OrganizationAdmin", "organization").ok());
  // The token would be the AccountAdmin's to redeem as that user.
  const grpc::Status status = client_.Invite(strong_user, login);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("[no_escalation]"));
  EXPECT_EQ(server_.db().QueryValue("SELECT count(*) FROM invitations"), "0");
  EXPECT_TRUE(client_.Invite(client_.User("weak@example.com"), login).ok());
  EXPECT_TRUE(client_.Invite(strong_user, "").ok());  // an OrganizationAdmin
}

TEST_F(AuthorizationModelTest, AGrantVoidsTheInvitationsCheckedWithoutIt) {
  const auto [account_admin, login] = Holder("AccountAdmin", "organization");
  const std::string user = client_.User("promoted@example.com");
  v1::Invitation invitation;
  ASSERT_TRUE(client_.Invite(user, login, &invitation).ok());
  // Promoted while the AccountAdmin still holds the token.
  ASSERT_TRUE(client_.Grant(user, "OrganizationAdmin", "organization").ok());
  const grpc::Status status = client_.Redeem(invitation.token());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(
      server_.db().QueryValue(
          "SELECT count(*) FROM api_keys WHERE owner_id = '" + user + "'"),
      "0");
}

// Else an AccountAdmin could strip every OrganizationAdmin of its keys, and
// nobody could give them new ones.
TEST_F(AuthorizationModelTest, NobodyRemovesCredentialsStrongerThanTheirOwn) {
  const auto [account_admin, login] = Holder("AccountAdmin", "organization");
  const auto [org_admin_sa, unused] =
      Holder("OrganizationAdmin", "organization");
  v1::CreateApiKeyResponse key;
  ASSERT_TRUE(client_.CreateKey(org_admin_sa, "cloud", "", &key).ok());
  const grpc::Status key_status = client_.DeleteKey(key.api_key().id(), login);
  EXPECT_EQ(key_status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(key_status.error_message(), HasSubstr("[no_escalation]"));
  EXPECT_THAT(key_status.error_message(),
              Not(HasSubstr("OrganizationAdmin at")));  // not for its eyes
  EXPECT_EQ(client_.DeleteAccount(org_admin_sa, false, login).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(client_.DeleteKey(key.api_key().id(), "").error_code(),
            grpc::StatusCode::OK);  // an OrganizationAdmin may
}

TEST_F(AuthorizationModelTest, AWriteTellsNoMoreThanARead) {
  const std::string owner = client_.ServiceAccount();
  v1::CreateApiKeyResponse key;
  ASSERT_TRUE(client_.CreateKey(owner, "cloud", "", &key).ok());
  const std::string outsider = client_.LoginOf(client_.ServiceAccount());
  const grpc::Status existing = client_.DeleteKey(key.api_key().id(), outsider);
  const grpc::Status unknown = client_.DeleteKey("ZZZZZZZZZZZZZZZZ", outsider);
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(existing.error_message(),
            "API key " + key.api_key().id() + " not found");
  EXPECT_EQ(client_.DeleteAccount(owner, false, outsider).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(client_.DeleteKey(key.api_key().id(), "").error_code(),
            grpc::StatusCode::OK);
}

TEST_F(AuthorizationModelTest, OwnersRevokeTheirOwnKeysWithoutAnyRole) {
  const std::string nobody = client_.ServiceAccount();
  v1::CreateApiKeyResponse spare;
  ASSERT_TRUE(client_.CreateKey(nobody, "cloud", "", &spare).ok());
  EXPECT_TRUE(
      client_.DeleteKey(spare.api_key().id(), client_.LoginOf(nobody)).ok());
}

TEST_F(AuthorizationModelTest, ScopedAdminsMayNotMintKeysForStrongerAccounts) {
  const std::string env = client_.Environment();
  const std::string cluster = client_.Cluster(env);
  const auto [env_admin, env_login] = Holder("EnvironmentAdmin", env);
  const auto [cluster_admin, cluster_login] =
      Holder("CloudClusterAdmin", cluster);
  const auto [account_admin, unused] = Holder("AccountAdmin", "organization");
  for (const std::string& login : {env_login, cluster_login}) {
    const grpc::Status status =
        client_.CreateKey(account_admin, cluster, login);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_THAT(status.error_message(), HasSubstr("[no_escalation]"));
  }
  EXPECT_EQ(client_.CreateKey(env_admin, cluster, cluster_login).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(client_.CreateKey(cluster_admin, cluster, env_login).ok());
}

TEST_F(AuthorizationModelTest, NobodyCreatesKeysForAnotherUser) {
  const std::string user = client_.User("someone@example.com");
  const grpc::Status status = client_.CreateKey(user, "cloud");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("[foreign_user_key]"));
  EXPECT_THAT(status.error_message(),
              HasSubstr("cannot create API keys for another user's account"));
}

TEST_F(AuthorizationModelTest, AnEmptyOwnerMeansTheCaller) {
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(client_.CreateKey("", "cloud", "", &created).ok());
  EXPECT_EQ(created.api_key().owner_id(), server_.admin_id());
}

TEST_F(AuthorizationModelTest, RolesAreBoundOnlyAtScopesThatFitThem) {
  const std::string env = client_.Environment();
  const std::string cluster = client_.Cluster(env);
  const std::string principal = client_.ServiceAccount();
  const std::vector<std::pair<std::string, std::string>> misfits = {
      {"EnvironmentAdmin", "organization"},
      {"OrganizationAdmin", env},
      {"AccountAdmin", cluster},
      {"CloudClusterAdmin", env},
      {"CloudClusterAdmin", "organization"}};
  for (const auto& [role, scope] : misfits) {
    const grpc::Status status = client_.Grant(principal, role, scope);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << role << " at " << scope;
    EXPECT_THAT(status.error_message(), HasSubstr("scope:"));
  }
  EXPECT_TRUE(client_.BindingsOf(principal).empty());
  EXPECT_TRUE(client_.Grant(principal, "KeyVerifier", env).ok());
}

TEST_F(AuthorizationModelTest, OnlyAnOrganizationAdminGrantsOrganizationAdmin) {
  const auto [account_admin, login] = Holder("AccountAdmin", "organization");
  const std::string target = client_.ServiceAccount();
  EXPECT_EQ(client_.Grant(target, "OrganizationAdmin", "organization", login)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      client_.Grant(account_admin, "OrganizationAdmin", "organization", login)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(client_.BindingsOf(target).empty());
}

TEST_F(AuthorizationModelTest, TheLastOrganizationAdminCannotBeRemoved) {
  const std::vector<v1::RoleBinding> bindings =
      client_.BindingsOf(server_.admin_id());
  ASSERT_EQ(bindings.size(), 1u);
  const std::string admin_binding = bindings[0].id();
  for (bool validate_only : {true, false}) {
    const grpc::Status status = client_.Revoke(admin_binding, validate_only);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(status.error_message(),
                HasSubstr("last OrganizationAdmin binding"));
    EXPECT_EQ(
        client_.DeleteAccount(server_.admin_id(), validate_only).error_code(),
        grpc::StatusCode::FAILED_PRECONDITION);
  }
  EXPECT_EQ(client_.BindingsOf(server_.admin_id()).size(), 1u);

  // With a second OrganizationAdmin, the first may go.
  const auto [second, second_login] =
      Holder("OrganizationAdmin", "organization");
  const std::vector<v1::RoleBinding> second_bindings =
      client_.BindingsOf(second);
  ASSERT_EQ(second_bindings.size(), 1u);
  EXPECT_TRUE(client_.Revoke(admin_binding).ok());
  // The first admin, no longer one, no longer even sees the second's
  // binding; the second may not remove its own, now the last.
  EXPECT_EQ(client_.Revoke(second_bindings[0].id()).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      client_.Revoke(second_bindings[0].id(), false, second_login).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
}

// Each admin removes the other's binding at once: both are authorized, and
// the guard in the transaction lets only one of them through.
TEST_F(AuthorizationModelTest, ConcurrentRemovalsLeaveAnOrganizationAdmin) {
  const auto [second, second_login] =
      Holder("OrganizationAdmin", "organization");
  const std::vector<v1::RoleBinding> first =
      client_.BindingsOf(server_.admin_id());
  const std::vector<v1::RoleBinding> others = client_.BindingsOf(second);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(others.size(), 1u);
  const std::string first_binding = first[0].id();
  const std::string second_binding = others[0].id();
  auto remove_first = std::async(std::launch::async, [&, login = second_login] {
    return client_.Revoke(first_binding, false, login).ok();
  });
  auto remove_second = std::async(
      std::launch::async, [&] { return client_.Revoke(second_binding).ok(); });
  const int removed = int{remove_first.get()} + int{remove_second.get()};
  EXPECT_EQ(removed, 1);
  EXPECT_EQ(server_.db().QueryValue("SELECT count(*) FROM role_bindings WHERE "
                                    "role = 'OrganizationAdmin'"),
            "1");
}

TEST_F(AuthorizationModelTest, ACallerWithoutRolesPagesStraightToItsOwnKeys) {
  const std::string nobody = client_.ServiceAccount();
  const std::string login = client_.LoginOf(nobody);
  for (int i = 0; i < 5; ++i) client_.LoginOf(client_.ServiceAccount());
  v1::CreateApiKeyResponse second;
  ASSERT_TRUE(client_.CreateKey(nobody, "cloud", "", &second).ok());

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    const v1::ListApiKeysResponse page = client_.ListKeys(login, 1, token);
    ++pages;
    ASSERT_EQ(page.api_keys_size(), 1) << "page " << pages << " is not full";
    EXPECT_EQ(page.api_keys(0).owner_id(), nobody);
    seen.push_back(page.api_keys(0).id());
    token = page.next_page_token();
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen.back(), second.api_key().id());
}

TEST_F(AuthorizationModelTest, APageTokenServesOnlyTheCallerItWasGivenTo) {
  const std::string admin = KeywardServer::BasicAuthorization(
      server_.admin_key() + ":" + server_.admin_secret());
  for (int i = 0; i < 2; ++i) client_.LoginOf(client_.ServiceAccount());
  const std::string token = client_.ListKeys(admin, 1, "").next_page_token();
  ASSERT_FALSE(token.empty());
  const std::string other = client_.LoginOf(client_.ServiceAccount());
  grpc::Status status;
  client_.ListKeys(other, 1, token, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
}

TEST_F(AuthorizationModelTest, AGrantAndARemovalApplyAtOnce) {
  const std::string env = client_.Environment();
  const std::string principal = client_.ServiceAccount();
  const std::string login = client_.LoginOf(principal);
  // Denied first, so that the caller's (empty) bindings are cached.
  ASSERT_EQ(client_.CreateCluster(env, login, true).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  std::string binding;
  ASSERT_TRUE(
      client_.Grant(principal, "EnvironmentAdmin", env, "", &binding).ok());
  EXPECT_TRUE(client_.CreateCluster(env, login, true).ok());
  ASSERT_TRUE(client_.Revoke(binding).ok());
  EXPECT_EQ(client_.CreateCluster(env, login, true).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace keyward::testing
