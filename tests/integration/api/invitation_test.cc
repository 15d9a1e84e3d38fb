// Invitations through gRPC against the real PostgreSQL and OPA: an admin
// invites a user; the user redeems the token, with no other credentials,
// for a Cloud key of their own. Single use holds under concurrent
// redemptions; every unusable token gets one answer; a denied or failed
// redemption uses nothing up; tokens reach neither the audit trail nor the
// database nor the log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>

#include "keyward/v1/account.grpc.pb.h"
#include "keyward/v1/api_key.grpc.pb.h"
#include "keyward/v1/role_binding.grpc.pb.h"
#include "services/crypto/secret.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"

namespace keyward::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kInvalidInvitation[] =
    "invalid, expired or already used invitation";

class InvitationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new KeywardServer();
    accounts_ = v1::AccountService::NewStub(server_->channel()).release();
  }
  static void TearDownTestSuite() {
    delete accounts_;
    delete server_;
  }

  static std::string User() {
    return Fixtures(server_->channel()).User().Named("Invitee").Create().id();
  }

  // CreateInvitation as the bootstrapped admin, or with `authorization`.
  static grpc::Status Invite(const std::string& account_id,
                             v1::Invitation* invitation,
                             bool validate_only = false,
                             const std::string& authorization = "") {
    v1::CreateInvitationRequest request;
    request.set_account_id(account_id);
    request.set_validate_only(validate_only);
    return accounts_->CreateInvitation(
        CallContext(authorization.empty()
                        ? std::nullopt
                        : std::optional<std::string>(authorization))
            .get(),
        request, invitation);
  }

  static std::string Token(const std::string& account_id) {
    v1::Invitation invitation;
    const grpc::Status status = Invite(account_id, &invitation);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return invitation.token();
  }

  // RedeemInvitation with no credentials at all.
  static grpc::Status Redeem(const std::string& token,
                             const std::string& description,
                             v1::CreateApiKeyResponse* created,
                             grpc::ClientContext* context = nullptr) {
    grpc::ClientContext own;
    if (context == nullptr) context = &own;
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(30));
    v1::RedeemInvitationRequest request;
    request.set_token(token);
    request.set_description(description);
    return accounts_->RedeemInvitation(context, request, created);
  }

  static std::string Quoted(const std::string& text) {
    return "'" + text + "'";
  }

  static KeywardServer* server_;
  static v1::AccountService::Stub* accounts_;
};

KeywardServer* InvitationTest::server_ = nullptr;
v1::AccountService::Stub* InvitationTest::accounts_ = nullptr;

TEST_F(InvitationTest, AnInvitedUserRedeemsWithoutCredentialsAndIsThatUser) {
  const std::string user = User();
  v1::Invitation invitation;
  const grpc::Status invited = Invite(user, &invitation);
  ASSERT_TRUE(invited.ok()) << invited.error_message();
  EXPECT_TRUE(crypto::IsWellFormedInvitationToken(invitation.token()))
      << invitation.token();
  EXPECT_EQ(invitation.account_id(), user);
  // 72 hours by default (policy/data.json), counted from now.
  const int64_t lifetime =
      invitation.expire_time().seconds() - std::time(nullptr);
  EXPECT_NEAR(static_cast<double>(lifetime), 72.0 * 3600, 120);

  grpc::ClientContext context;
  v1::CreateApiKeyResponse created;
  const grpc::Status redeemed =
      Redeem(invitation.token(), "Ada's laptop", &created, &context);
  ASSERT_TRUE(redeemed.ok()) << redeemed.error_message();
  const v1::ApiKey& key = created.api_key();
  EXPECT_EQ(key.owner_id(), user);
  EXPECT_EQ(key.owner_type(), v1::ACCOUNT_TYPE_USER);
  EXPECT_EQ(key.resource_id(), "cloud");
  EXPECT_EQ(key.resource_kind(), v1::RESOURCE_KIND_CLOUD);
  EXPECT_EQ(key.created_by(), user);
  EXPECT_EQ(key.description(), "Ada's laptop");
  EXPECT_FALSE(key.has_expire_time());
  EXPECT_TRUE(crypto::IsWellFormedSecret(created.secret()));
  // The policy's warning about a user's Cloud key comes back as for any
  // create.
  EXPECT_EQ(
      context.GetServerTrailingMetadata().count("keyward-policy-decision-bin"),
      1u);

  // The new key authenticates as the invited user.
  const std::string authorization =
      KeywardServer::BasicAuthorization(key.id() + ":" + created.secret());
  auto keys = v1::ApiKeyService::NewStub(server_->channel());
  grpc::ClientContext as_user;
  as_user.AddMetadata("authorization", authorization);
  v1::ListApiKeysResponse listed;
  v1::ListApiKeysRequest list;
  list.set_owner_id(user);
  const grpc::Status status = keys->ListApiKeys(&as_user, list, &listed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(listed.api_keys_size(), 1);
  EXPECT_EQ(listed.api_keys(0).id(), key.id());
  v1::CreateApiKeyRequest another;
  another.set_owner_id(user);
  another.set_resource_id("cloud");
  another.set_description("x");
  another.set_validate_only(true);
  grpc::ClientContext as_user_again;
  as_user_again.AddMetadata("authorization", authorization);
  v1::CreateApiKeyResponse ignored;
  EXPECT_EQ(keys->CreateApiKey(&as_user_again, another, &ignored).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "a user without roles creates no further keys: "
         "the invitation is a one-off";
}

TEST_F(InvitationTest, CredentialsSentWithARedemptionAreIgnored) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Basic bm90OmEta2V5");
  v1::CreateApiKeyResponse created;
  const grpc::Status status =
      Redeem(Token(User()), "first key", &created, &context);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(InvitationTest, UsedUnknownExpiredAndMalformedTokensGetOneAnswer) {
  const std::string used = Token(User());
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(Redeem(used, "first", &created).ok());

  const std::string expiring_user = User();
  const std::string expired = Token(expiring_user);
  server_->db().Query(
      "UPDATE invitations SET create_time = now() - interval '2 hours', "
      "expire_time = now() - interval '1 second' WHERE account_id = " +
      Quoted(expiring_user));

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"used", used},
      {"expired", expired},
      {"unknown", crypto::NewInvitationToken()},
      {"checksum broken",
       used.substr(0, used.size() - 1) + (used.back() == 'A' ? "B" : "A")},
      {"a key's secret", created.secret()},
      {"garbage", "kwinv_nope"},
      {"empty", ""},
  };
  for (const auto& [name, token] : cases) {
    v1::CreateApiKeyResponse response;
    const grpc::Status status = Redeem(token, "again", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
    EXPECT_EQ(status.error_message(), kInvalidInvitation) << name;
    EXPECT_TRUE(response.secret().empty()) << name;
  }
  EXPECT_EQ(
      server_->db().Count("api_keys", "owner_id = " + Quoted(expiring_user)),
      0);
}

TEST_F(InvitationTest, OfConcurrentRedemptionsOfOneTokenExactlyOneWins) {
  const std::string user = User();
  const std::string token = Token(user);
  constexpr int kRedeemers = 8;
  const std::vector<grpc::Status> statuses = InParallel(kRedeemers, [&](int) {
    v1::CreateApiKeyResponse created;
    return Redeem(token, "race", &created);
  });
  int won = 0, refused = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) {
      ++won;
    } else if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED &&
               status.error_message() == kInvalidInvitation) {
      ++refused;
    }
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(refused, kRedeemers - 1);
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = " + Quoted(user)), 1);
}

TEST_F(InvitationTest, ADeniedOrFailedRedemptionUsesNothingUp) {
  const std::string user = User();
  const std::string token = Token(user);

  // Denied by policy: no description.
  v1::CreateApiKeyResponse created;
  const grpc::Status denied = Redeem(token, " ", &created);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(), HasSubstr("[description_required]"));

  // Failed: the user holds a key by now, so this would not be a first key.
  server_->db().Query(
      "INSERT INTO api_keys (id, owner_id, secret_hash, created_by) VALUES "
      "('HASAKEY000000000', " +
      Quoted(user) + ", decode(repeat('00', 32), 'hex'), 'test')");
  const grpc::Status not_first = Redeem(token, "laptop", &created);
  EXPECT_EQ(not_first.error_code(), grpc::StatusCode::UNAUTHENTICATED)
      << not_first.error_message();
  EXPECT_EQ(not_first.error_message(), kInvalidInvitation);
  EXPECT_EQ(server_->db().Count("invitations", "account_id = " + Quoted(user) +
                                                   " AND redeem_time IS NULL"),
            1);
  server_->db().Query("DELETE FROM api_keys WHERE owner_id = " + Quoted(user));

  const grpc::Status redeemed = Redeem(token, "laptop", &created);
  ASSERT_TRUE(redeemed.ok()) << redeemed.error_message();
  EXPECT_EQ(
      server_->db().Count("invitations", "account_id = " + Quoted(user) +
                                             " AND redeem_time IS NOT NULL"),
      1);
}

// Whoever holds the token could redeem it: were a user with keys
// invitable, an admin could hold a key of that user's by inviting them.
TEST_F(InvitationTest, AnInvitationIsOnlyForAFirstKey) {
  const std::string user = User();
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(Redeem(Token(user), "first", &created).ok());
  v1::Invitation again;
  const grpc::Status status = Invite(user, &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("already holds API keys"));
  EXPECT_TRUE(again.token().empty());
  EXPECT_EQ(server_->db().Count("invitations", "account_id = " + Quoted(user) +
                                                   " AND redeem_time IS NULL"),
            0);
}

TEST_F(InvitationTest, ANewInvitationReplacesTheOutstandingOne) {
  const std::string user = User();
  const std::string first = Token(user);
  const std::string second = Token(user);
  v1::CreateApiKeyResponse created;
  EXPECT_EQ(Redeem(first, "old", &created).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Redeem(second, "new", &created).ok());
}

TEST_F(InvitationTest, OnlyUserAccountsAreInvited) {
  v1::CreateServiceAccountRequest request;
  request.set_display_name("robot");
  request.set_description("a workload");
  v1::Account robot;
  ASSERT_TRUE(accounts_
                  ->CreateServiceAccount(KeywardServer::Context().get(),
                                         request, &robot)
                  .ok());
  v1::Invitation invitation;
  const grpc::Status service_account = Invite(robot.id(), &invitation);
  EXPECT_EQ(service_account.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(service_account.error_message(), StartsWith("account_id: "));
  EXPECT_EQ(Invite("u-00000000", &invitation).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Invite("", &invitation).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Invite("env-00000000", &invitation).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      server_->db().Count("invitations", "account_id = " + Quoted(robot.id())),
      0);
}

TEST_F(InvitationTest, OnlyAccountAdminsAndOrganizationAdminsInvite) {
  auto bindings = v1::RoleBindingService::NewStub(server_->channel());
  auto keys = v1::ApiKeyService::NewStub(server_->channel());
  // A service account holding `role` at the organization (none when
  // empty), and the authorization value of its Cloud key.
  auto principal = [&](const std::string& role) {
    v1::CreateServiceAccountRequest sa;
    sa.set_display_name(role.empty() ? "nobody" : role);
    sa.set_description("invitation test principal");
    v1::Account account;
    EXPECT_TRUE(
        accounts_
            ->CreateServiceAccount(KeywardServer::Context().get(), sa, &account)
            .ok());
    if (!role.empty()) {
      v1::CreateRoleBindingRequest request;
      request.set_principal_id(account.id());
      request.set_role(role);
      request.set_scope("organization");
      v1::RoleBinding binding;
      EXPECT_TRUE(bindings
                      ->CreateRoleBinding(KeywardServer::Context().get(),
                                          request, &binding)
                      .ok());
    }
    v1::CreateApiKeyRequest request;
    request.set_owner_id(account.id());
    request.set_resource_id("cloud");
    request.set_description("invitation test key");
    v1::CreateApiKeyResponse key;
    EXPECT_TRUE(
        keys->CreateApiKey(KeywardServer::Context().get(), request, &key).ok());
    return KeywardServer::BasicAuthorization(key.api_key().id() + ":" +
                                             key.secret());
  };
  const std::string user = User();
  v1::Invitation invitation;
  const grpc::Status account_admin =
      Invite(user, &invitation, false, principal("AccountAdmin"));
  EXPECT_TRUE(account_admin.ok()) << account_admin.error_message();
  for (const std::string role : {"KeyVerifier", ""}) {
    const grpc::Status refused =
        Invite(user, &invitation, false, principal(role));
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << role;
    EXPECT_THAT(refused.error_message(),
                HasSubstr("AccountAdmin at organization"))
        << role;
  }
}

TEST_F(InvitationTest, AValidateOnlyInvitationIsCheckedAndAuditedNotStored) {
  const std::string user = User();
  v1::Invitation invitation;
  const grpc::Status status = Invite(user, &invitation, true);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(invitation.token(), "");
  EXPECT_EQ(invitation.account_id(), user);
  EXPECT_GT(invitation.expire_time().seconds(), std::time(nullptr));
  EXPECT_EQ(server_->db().Count("invitations", "account_id = " + Quoted(user)),
            0);
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "action = "
                "'invitation.create' AND validate_only AND allowed AND "
                "request_summary->>'account_id' = " +
                    Quoted(user)),
            1);
}

TEST_F(InvitationTest, DeletingTheAccountDeletesItsInvitations) {
  const std::string user = User();
  const std::string token = Token(user);
  v1::DeleteAccountRequest request;
  request.set_id(user);
  v1::DeleteAccountResponse deleted;
  ASSERT_TRUE(
      accounts_
          ->DeleteAccount(KeywardServer::Context().get(), request, &deleted)
          .ok());
  EXPECT_EQ(server_->db().Count("invitations", "account_id = " + Quoted(user)),
            0);
  v1::CreateApiKeyResponse created;
  const grpc::Status status = Redeem(token, "too late", &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message(), kInvalidInvitation);
}

TEST_F(InvitationTest, CreateAndRedeemAreAuditedAndNoTokenIsKeptAnywhere) {
  const std::string user = User();
  const std::string token = Token(user);
  v1::CreateApiKeyResponse created;
  ASSERT_TRUE(Redeem(token, "audited", &created).ok());

  EXPECT_EQ(
      server_->db().Count(
          "audit_events",
          "action = "
          "'invitation.create' AND allowed AND NOT validate_only AND "
          "actor_id = " +
              Quoted(server_->admin_id()) + " AND target_id = " + Quoted(user)),
      1);
  EXPECT_EQ(server_->db().Count(
                "audit_events",
                "action = "
                "'api_key.create' AND allowed AND actor_id = " +
                    Quoted(user) +
                    " AND target_id = " + Quoted(created.api_key().id()) +
                    " AND request_summary->'invitation'->>'account_id' = " +
                    Quoted(user)),
            1);
  // The random part of the token and of the secret, wherever they might be.
  const std::string body = token.substr(6, 20);
  const std::string secret_body = created.secret().substr(6, 20);
  for (const std::string& needle : {body, secret_body}) {
    EXPECT_EQ(server_->db().Count(
                  "audit_events",
                  ""
                  "request_summary::text LIKE '%" +
                      needle + "%' OR violations::text LIKE '%" + needle +
                      "%' OR warnings::text LIKE '%" + needle + "%'"),
              0);
    EXPECT_EQ(server_->db().Count("invitations",
                                  ""
                                  "position(convert_to(" +
                                      Quoted(needle) +
                                      ", 'UTF8') in token_hash) > 0"),
              0);
    EXPECT_THAT(server_->process().log(), Not(HasSubstr(needle)));
  }
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT octet_length(token_hash) FROM invitations WHERE "
                "account_id = " +
                Quoted(user)),
            "32");
}

}  // namespace
}  // namespace keyward::testing
