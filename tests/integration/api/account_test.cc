// AccountService over gRPC against keywardd and the real PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "keyward/v1/account.grpc.pb.h"
#include "tests/support/fixtures.h"
#include "tests/support/in_parallel.h"
#include "tests/support/keyward_server.h"
#include "tests/support/rows.h"

namespace keyward::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class AccountTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new KeywardServer(); }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    stub_ = v1::AccountService::NewStub(server_->channel());
  }

  grpc::Status CreateServiceAccount(const std::string& display_name,
                                    const std::string& description,
                                    bool validate_only, v1::Account* account) {
    v1::CreateServiceAccountRequest request;
    request.set_display_name(display_name);
    request.set_description(description);
    request.set_validate_only(validate_only);
    return stub_->CreateServiceAccount(KeywardServer::Context().get(), request,
                                       account);
  }

  grpc::Status CreateUserAccount(const std::string& email,
                                 const std::string& display_name,
                                 bool validate_only, v1::Account* account) {
    v1::CreateUserAccountRequest request;
    request.set_email(email);
    request.set_display_name(display_name);
    request.set_validate_only(validate_only);
    return stub_->CreateUserAccount(KeywardServer::Context().get(), request,
                                    account);
  }

  grpc::Status Get(const std::string& id, v1::Account* account) {
    v1::GetAccountRequest request;
    request.set_id(id);
    return stub_->GetAccount(KeywardServer::Context().get(), request, account);
  }

  grpc::Status Delete(const std::string& id, bool force, bool validate_only,
                      v1::DeleteAccountResponse* response) {
    v1::DeleteAccountRequest request;
    request.set_id(id);
    request.set_force(force);
    request.set_validate_only(validate_only);
    return stub_->DeleteAccount(KeywardServer::Context().get(), request,
                                response);
  }

  grpc::Status List(v1::AccountType type, int page_size,
                    const std::string& token,
                    v1::ListAccountsResponse* response) {
    v1::ListAccountsRequest request;
    request.set_type(type);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return stub_->ListAccounts(KeywardServer::Context().get(), request,
                               response);
  }

  // Rows inserted directly (ApiKeyService is not needed for the cascade);
  // `last_used` is an SQL expression.
  std::string InsertKey(const std::string& owner_id,
                        const std::string& last_used = "NULL") {
    return Rows(server_->db()).ApiKey(owner_id, "", last_used);
  }

  std::string InsertRoleBinding(const std::string& principal_id,
                                const std::string& role) {
    return Rows(server_->db()).RoleBinding(principal_id, role);
  }

  int AuditCount(const std::string& action, const std::string& target_id) {
    return server_->db().Count("audit_events",
                               "NOT validate_only AND action = '" + action +
                                   "' AND target_id = '" + target_id + "'");
  }

  static KeywardServer* server_;
  std::unique_ptr<v1::AccountService::Stub> stub_;
  Fixtures make_{server_->channel()};
};

KeywardServer* AccountTest::server_ = nullptr;

TEST_F(AccountTest, CreateServiceAccountThenGetReturnsIt) {
  v1::Account created;
  ASSERT_TRUE(CreateServiceAccount("Billing", "bills", false, &created).ok());
  EXPECT_THAT(created.id(), MatchesRegex("sa-[a-z0-9]{8}"));
  EXPECT_EQ(created.type(), v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  EXPECT_EQ(created.display_name(), "Billing");
  EXPECT_EQ(created.description(), "bills");
  EXPECT_EQ(created.email(), "");
  EXPECT_GT(created.create_time().seconds(), 0);
  EXPECT_EQ(created.update_time().SerializeAsString(),
            created.create_time().SerializeAsString());

  v1::Account fetched;
  ASSERT_TRUE(Get(created.id(), &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(AccountTest, AnEmptyServiceAccountDescriptionIsDeniedByPolicy) {
  const int accounts = server_->db().Count("accounts");
  v1::Account created;
  const grpc::Status status =
      CreateServiceAccount("No description", " ", false, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("[description_required]"));
  EXPECT_EQ(server_->db().Count("accounts"), accounts);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'service_account.create' AND "
                                "NOT allowed AND request_summary->>"
                                "'display_name' = 'No description'"),
            1);
}

TEST_F(AccountTest, CreateUserAccountThenGetReturnsIt) {
  const v1::Account created =
      make_.User().Email("Grace.Hopper@Example.com").Create();
  EXPECT_THAT(created.id(), MatchesRegex("u-[a-z0-9]{8}"));
  EXPECT_EQ(created.type(), v1::ACCOUNT_TYPE_USER);
  EXPECT_EQ(created.email(), "Grace.Hopper@Example.com");

  v1::Account fetched;
  ASSERT_TRUE(Get(created.id(), &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(AccountTest, BadServiceAccountInputIsInvalidArgumentNamingTheField) {
  struct Case {
    std::string display_name, description, field;
  };
  for (const Case& c : std::vector<Case>{
           {"", "d", "display_name"},
           {"   ", "d", "display_name"},
           {std::string(1025, 'x'), "d", "display_name"},
           {"tab\tname", "d", "display_name"},
           {"ok", std::string(1025, 'x'), "description"},
           {"ok", "bell\x07", "description"},
           {"ok", std::string("nul\0byte", 8), "description"},
           {"ok", "C1 \xc2\x85 control", "description"},
           // Invalid UTF-8 never reaches keywardd's checks: protobuf refuses
           // to parse such a string field before the service runs.
       }) {
    v1::Account account;
    const grpc::Status status =
        CreateServiceAccount(c.display_name, c.description, false, &account);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.field + ":"));
  }
  // 1,024 characters (multi-byte ones included) are fine.
  v1::Account account;
  std::string longest;
  for (int i = 0; i < 1024; ++i) longest += "\xc3\xa9";  // é
  EXPECT_TRUE(CreateServiceAccount(longest, longest, false, &account).ok());
}

TEST_F(AccountTest, BadUserInputIsInvalidArgumentNamingTheField) {
  struct Case {
    std::string email, display_name, field;
  };
  for (const Case& c : std::vector<Case>{
           {"", "Name", "email"},
           {"not-an-email", "Name", "email"},
           {"@example.com", "Name", "email"},
           {"a@b", "Name", "email"},
           {"two@@example.com", "Name", "email"},
           {"space in@example.com", "Name", "email"},
           {"new\nline@example.com", "Name", "email"},
           {std::string(250, 'a') + "@example.com", "Name", "email"},
           {"ok@example.com", "", "display_name"},
           {"ok@example.com", "esc\x1b", "display_name"},
       }) {
    v1::Account account;
    const grpc::Status status =
        CreateUserAccount(c.email, c.display_name, false, &account);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.field + ":"));
  }
  EXPECT_EQ(server_->db().Count("accounts", "email = 'ok@example.com'"), 0);
}

TEST_F(AccountTest, EmailsAreUniqueIgnoringCase) {
  const v1::Account first = make_.User().Email("Ada@Example.org").Create();
  v1::Account account;
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");

  const grpc::Status duplicate =
      CreateUserAccount("ada@example.ORG", "Imposter", false, &account);
  EXPECT_EQ(duplicate.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(duplicate.error_message(),
              HasSubstr("a user with email ada@example.ORG already exists"));

  const grpc::Status dry_run =
      CreateUserAccount("ADA@EXAMPLE.ORG", "Imposter", true, &account);
  EXPECT_EQ(dry_run.error_code(), grpc::StatusCode::ALREADY_EXISTS);

  EXPECT_EQ(server_->db().Count("accounts", "lower(email) = 'ada@example.org'"),
            1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);

  // Another address is fine, and so is the same one once the first is gone.
  EXPECT_TRUE(
      CreateUserAccount("ada2@example.org", "Other", false, &account).ok());
  v1::DeleteAccountResponse deleted;
  ASSERT_TRUE(Delete(first.id(), false, false, &deleted).ok());
  EXPECT_TRUE(
      CreateUserAccount("ADA@example.org", "Again", false, &account).ok());
}

TEST_F(AccountTest, ParallelCreatesOfOneEmailLeaveExactlyOneUser) {
  constexpr int kCalls = 10;
  const std::vector<grpc::Status> statuses = InParallel(kCalls, [&](int i) {
    v1::Account account;
    return CreateUserAccount(i % 2 ? "race@example.com" : "RACE@example.com",
                             "Racer", false, &account);
  });
  int ok = 0, exists = 0;
  for (const grpc::Status& status : statuses) {
    ok += status.error_code() == grpc::StatusCode::OK;
    exists += status.error_code() == grpc::StatusCode::ALREADY_EXISTS;
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(exists, kCalls - 1);
  EXPECT_EQ(
      server_->db().Count("accounts", "lower(email) = 'race@example.com'"), 1);
  EXPECT_EQ(server_->db().Count("audit_events",
                                "action = 'user_account.create' AND "
                                "request_summary->>'display_name' = 'Racer'"),
            1);
}

TEST_F(AccountTest, GetOfAnUnknownOrMalformedIdIsNotFoundOrInvalid) {
  v1::Account account;
  const grpc::Status unknown = Get("sa-zzzzzzzz", &account);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(unknown.error_message(), HasSubstr("account sa-zzzzzzzz"));
  EXPECT_EQ(Get("u-zzzzzzzz", &account).error_code(),
            grpc::StatusCode::NOT_FOUND);

  for (const std::string& bad :
       {std::string("env-zzzzzzzz"), std::string("sa-ZZZZZZZZ"),
        std::string("sa-short"), std::string("ABCDEFGHIJKLMNOP"),
        std::string("")}) {
    const grpc::Status status = Get(bad, &account);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("id:")) << bad;
  }
  EXPECT_THAT(Get("lkc-zzzzzzzz", &account).error_message(),
              HasSubstr("must be a user account id (u-…) or a service "
                        "account id (sa-…)"));
}

TEST_F(AccountTest, ValidateOnlyCreatesWriteNothing) {
  const int accounts = server_->db().Count("accounts");
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");
  const int dry_runs = server_->db().Count("audit_events", "validate_only");

  v1::Account account;
  ASSERT_TRUE(CreateServiceAccount("Dry run", "d", true, &account).ok());
  EXPECT_EQ(account.id(), "");
  EXPECT_EQ(account.type(), v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  EXPECT_EQ(account.display_name(), "Dry run");
  EXPECT_GT(account.create_time().seconds(), 0);

  ASSERT_TRUE(
      CreateUserAccount("dry@example.com", "Dry user", true, &account).ok());
  EXPECT_EQ(account.id(), "");
  EXPECT_EQ(account.email(), "dry@example.com");

  EXPECT_EQ(server_->db().Count("accounts"), accounts);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);
  // Only the dry runs' own audit events are written.
  EXPECT_EQ(server_->db().Count("audit_events", "validate_only"), dry_runs + 2);
  // Nothing was reserved: the real create still works.
  EXPECT_TRUE(
      CreateUserAccount("dry@example.com", "Dry user", false, &account).ok());
}

TEST_F(AccountTest, EachMutationWritesOneAuditEvent) {
  v1::Account sa;
  ASSERT_TRUE(CreateServiceAccount("Audited", "first", false, &sa).ok());
  EXPECT_EQ(AuditCount("service_account.create", sa.id()), 1);
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT request_summary->>'description' FROM audit_events "
                "WHERE action = 'service_account.create' AND target_id = '" +
                sa.id() + "'"),
            "first");

  const v1::Account user = make_.User().Email("audited@example.com").Create();
  EXPECT_EQ(AuditCount("user_account.create", user.id()), 1);
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT request_summary->>'email' FROM audit_events WHERE "
                "action = 'user_account.create' AND target_id = '" +
                user.id() + "'"),
            "audited@example.com");

  v1::UpdateAccountRequest update;
  update.set_id(sa.id());
  update.set_description("second");
  v1::Account updated;
  ASSERT_TRUE(
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(AuditCount("service_account.update", sa.id()), 1);
  update.set_id(user.id());
  update.set_description("");
  update.set_display_name("Renamed");
  ASSERT_TRUE(
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(AuditCount("user_account.update", user.id()), 1);

  v1::DeleteAccountResponse deleted;
  ASSERT_TRUE(Delete(sa.id(), false, false, &deleted).ok());
  ASSERT_TRUE(Delete(user.id(), false, false, &deleted).ok());
  EXPECT_EQ(AuditCount("service_account.delete", sa.id()), 1);
  EXPECT_EQ(AuditCount("user_account.delete", user.id()), 1);
  EXPECT_EQ(
      server_->db().Count("audit_events", "target_id = '" + sa.id() + "'"), 3);
  EXPECT_EQ(
      server_->db().Count("audit_events", "target_id = '" + user.id() + "'"),
      3);
}

TEST_F(AccountTest, UpdateChangesOnlyTheMaskedFields) {
  const v1::Account created =
      make_.ServiceAccount().Named("Before").Described("runs things").Create();
  v1::UpdateAccountRequest update;
  update.set_id(created.id());
  update.set_display_name("After");
  update.set_description("ignored");
  update.mutable_update_mask()->add_paths("display_name");
  v1::Account updated;
  ASSERT_TRUE(
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.display_name(), "After");
  EXPECT_EQ(updated.description(), "runs things");
  EXPECT_EQ(updated.type(), v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  EXPECT_EQ(updated.create_time().SerializeAsString(),
            created.create_time().SerializeAsString());
  EXPECT_GE(updated.update_time().seconds() * 1000000000LL +
                updated.update_time().nanos(),
            created.update_time().seconds() * 1000000000LL +
                created.update_time().nanos());

  // Naming description with an empty value would clear it, which the
  // default policy refuses for service accounts (description_required).
  update.clear_display_name();
  update.clear_description();
  update.mutable_update_mask()->set_paths(0, "description");
  const grpc::Status cleared =
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated);
  EXPECT_EQ(cleared.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(cleared.error_message(), HasSubstr("[description_required]"));
  update.set_description("replaced");
  ASSERT_TRUE(
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.description(), "replaced");
  EXPECT_EQ(updated.display_name(), "After");

  // Without a mask every non-empty field is written.
  update.clear_update_mask();
  update.set_display_name("Both");
  update.set_description("again");
  ASSERT_TRUE(
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.display_name(), "Both");
  EXPECT_EQ(updated.description(), "again");

  v1::Account fetched;
  ASSERT_TRUE(Get(created.id(), &fetched).ok());
  EXPECT_EQ(fetched.SerializeAsString(), updated.SerializeAsString());
}

TEST_F(AccountTest, UpdateRefusesImmutableUnknownAndInvalidFields) {
  const v1::Account user = make_.User().Email("immutable@example.com").Create();
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");
  struct Case {
    std::vector<std::string> paths;
    std::string display_name, description, expected;
  };
  for (const Case& c : std::vector<Case>{
           {{"email"}, "x", "", "update_mask: email: cannot change"},
           {{"type"}, "x", "", "update_mask: type: cannot change"},
           {{"id"}, "x", "", "update_mask: id: cannot change"},
           {{"display_name", "email"}, "x", "", "email"},
           {{"nickname"}, "x", "", "unknown field \"nickname\""},
           {{}, "", "", "update_mask: names nothing to update"},
           {{"display_name"}, "", "", "display_name: is required"},
           {{"display_name"}, "ctl\x01", "", "display_name:"},
           {{"description"}, "", std::string(1025, 'd'), "description:"},
       }) {
    v1::UpdateAccountRequest update;
    update.set_id(user.id());
    update.set_display_name(c.display_name);
    update.set_description(c.description);
    for (const auto& path : c.paths)
      update.mutable_update_mask()->add_paths(path);
    v1::Account updated;
    const grpc::Status status =
        stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.expected << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(c.expected));
  }
  v1::Account fetched;
  ASSERT_TRUE(Get(user.id(), &fetched).ok());
  EXPECT_EQ(fetched.email(), "immutable@example.com");
  EXPECT_EQ(fetched.display_name(), "A. Person");
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);

  v1::UpdateAccountRequest update;
  update.set_display_name("x");
  v1::Account updated;
  update.set_id("u-zzzzzzzz");
  EXPECT_EQ(
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  update.set_id("env-zzzzzzzz");
  const grpc::Status wrong_kind =
      stub_->UpdateAccount(KeywardServer::Context().get(), update, &updated);
  EXPECT_EQ(wrong_kind.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(wrong_kind.error_message(), HasSubstr("id:"));
}

TEST_F(AccountTest, ListFiltersByTypeAndPagesThroughEachExactlyOnce) {
  std::set<std::string> users, service_accounts;
  for (int i = 0; i < 5; ++i) {
    users.insert(make_.User()
                     .Email("lister" + std::to_string(i) + "@example.com")
                     .Create()
                     .id());
    service_accounts.insert(make_.ServiceAccount()
                                .Named("lister " + std::to_string(i))
                                .Create()
                                .id());
  }

  const auto walk = [&](v1::AccountType type) {
    std::set<std::string> seen;
    std::string token;
    int pages = 0;
    do {
      v1::ListAccountsResponse response;
      const grpc::Status status = List(type, 2, token, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_LE(response.accounts_size(), 2);
      for (const auto& account : response.accounts()) {
        if (type != v1::ACCOUNT_TYPE_UNSPECIFIED) {
          EXPECT_EQ(account.type(), type) << account.id();
        }
        EXPECT_TRUE(seen.insert(account.id()).second)
            << "twice: " << account.id();
      }
      // Accounts created mid-walk must not disturb it.
      if (pages == 0) {
        make_.User()
            .Email("midwalk" + std::to_string(type) + "@example.com")
            .Create();
        make_.ServiceAccount().Named("midwalk").Create();
      }
      token = response.next_page_token();
      ++pages;
    } while (!token.empty() && pages < 200);
    return seen;
  };

  const std::set<std::string> seen_users = walk(v1::ACCOUNT_TYPE_USER);
  for (const auto& id : users) EXPECT_TRUE(seen_users.count(id)) << id;
  for (const auto& id : service_accounts) EXPECT_FALSE(seen_users.count(id));

  const std::set<std::string> seen_sas = walk(v1::ACCOUNT_TYPE_SERVICE_ACCOUNT);
  for (const auto& id : service_accounts) EXPECT_TRUE(seen_sas.count(id)) << id;
  for (const auto& id : users) EXPECT_FALSE(seen_sas.count(id));

  const std::set<std::string> seen_all = walk(v1::ACCOUNT_TYPE_UNSPECIFIED);
  for (const auto& id : users) EXPECT_TRUE(seen_all.count(id)) << id;
  for (const auto& id : service_accounts) EXPECT_TRUE(seen_all.count(id)) << id;
  EXPECT_EQ(static_cast<int>(seen_all.size()), server_->db().Count("accounts"));
}

TEST_F(AccountTest, APageTokenOnlyWorksWithItsOwnFilter) {
  make_.User().Email("token1@example.com").Create();
  make_.User().Email("token2@example.com").Create();
  v1::ListAccountsResponse response;
  ASSERT_TRUE(List(v1::ACCOUNT_TYPE_USER, 1, "", &response).ok());
  const std::string token = response.next_page_token();
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(List(v1::ACCOUNT_TYPE_USER, 1, token, &response).ok());

  for (v1::AccountType other :
       {v1::ACCOUNT_TYPE_SERVICE_ACCOUNT, v1::ACCOUNT_TYPE_UNSPECIFIED}) {
    const grpc::Status status = List(other, 1, token, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  }
  std::string forged = token;
  forged[1] = forged[1] == 'A' ? 'B' : 'A';
  EXPECT_EQ(List(v1::ACCOUNT_TYPE_USER, 1, forged, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  for (int size : {-1, 101}) {
    const grpc::Status status =
        List(v1::ACCOUNT_TYPE_USER, size, "", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  }
  const grpc::Status unknown_type =
      List(static_cast<v1::AccountType>(42), 0, "", &response);
  EXPECT_EQ(unknown_type.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unknown_type.error_message(), HasSubstr("type:"));
}

TEST_F(AccountTest, DeleteCascadesToKeysAndRoleBindingsInOneTransaction) {
  const v1::Account owner = make_.ServiceAccount().Named("Cascade").Create();
  const v1::Account bystander =
      make_.ServiceAccount().Named("Bystander").Create();
  const std::string key1 = InsertKey(owner.id());
  const std::string key2 = InsertKey(owner.id(), "now() - interval '1 day'");
  const std::string other_key = InsertKey(bystander.id());
  const std::string binding = InsertRoleBinding(owner.id(), "AccountAdmin");
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");

  v1::DeleteAccountResponse response;
  ASSERT_TRUE(Delete(owner.id(), false, true, &response).ok());
  EXPECT_EQ(response.id(), owner.id());
  EXPECT_TRUE(response.validate_only());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(key1, key2));
  EXPECT_THAT(response.deleted_role_binding_ids(), ElementsAre(binding));
  EXPECT_EQ(server_->db().Count("accounts", "id = '" + owner.id() + "'"), 1);
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner.id() + "'"),
            2);
  EXPECT_EQ(server_->db().Count("role_bindings",
                                "principal_id = '" + owner.id() + "'"),
            1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);

  ASSERT_TRUE(Delete(owner.id(), false, false, &response).ok());
  EXPECT_FALSE(response.validate_only());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(key1, key2));
  EXPECT_THAT(response.deleted_role_binding_ids(), ElementsAre(binding));
  EXPECT_EQ(server_->db().Count("accounts", "id = '" + owner.id() + "'"), 0);
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner.id() + "'"),
            0);
  EXPECT_EQ(server_->db().Count("role_bindings",
                                "principal_id = '" + owner.id() + "'"),
            0);
  EXPECT_EQ(server_->db().Count("api_keys", "id = '" + other_key + "'"), 1);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events + 1);
  EXPECT_EQ(AuditCount("service_account.delete", owner.id()), 1);

  v1::Account account;
  EXPECT_EQ(Get(owner.id(), &account).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Delete(owner.id(), false, false, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AccountTest, DeleteOfAnAccountWithNoKeysListsNothing) {
  const v1::Account user = make_.User().Email("nokeys@example.com").Create();
  v1::DeleteAccountResponse response;
  ASSERT_TRUE(Delete(user.id(), false, false, &response).ok());
  EXPECT_THAT(response.deleted_api_key_ids(), IsEmpty());
  EXPECT_THAT(response.deleted_role_binding_ids(), IsEmpty());
  EXPECT_EQ(AuditCount("user_account.delete", user.id()), 1);
}

TEST_F(AccountTest, ARecentlyUsedKeyBlocksDeleteUnlessForced) {
  const v1::Account owner = make_.ServiceAccount().Named("Busy").Create();
  const std::string idle = InsertKey(owner.id(), "now() - interval '16 min'");
  const std::string busy = InsertKey(owner.id(), "now()");
  const std::string recent = InsertKey(owner.id(), "now() - interval '14 min'");
  const int audit_events =
      server_->db().Count("audit_events", "NOT validate_only");

  v1::DeleteAccountResponse response;
  for (bool validate_only : {false, true}) {
    const grpc::Status refused =
        Delete(owner.id(), false, validate_only, &response);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(refused.error_message(),
                HasSubstr("account " + owner.id() +
                          " has keys used in the last 15m: " + busy + ", " +
                          recent + "; pass force to delete anyway"));
    EXPECT_THAT(refused.error_message(), ::testing::Not(HasSubstr(idle)));
  }
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner.id() + "'"),
            3);
  EXPECT_EQ(server_->db().Count("audit_events", "NOT validate_only"),
            audit_events);

  ASSERT_TRUE(Delete(owner.id(), true, true, &response).ok());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(idle, busy, recent));
  EXPECT_EQ(server_->db().Count("accounts", "id = '" + owner.id() + "'"), 1);

  ASSERT_TRUE(Delete(owner.id(), true, false, &response).ok());
  EXPECT_THAT(response.deleted_api_key_ids(), ElementsAre(idle, busy, recent));
  EXPECT_EQ(server_->db().Count("accounts", "id = '" + owner.id() + "'"), 0);
  EXPECT_EQ(server_->db().Count("api_keys", "owner_id = '" + owner.id() + "'"),
            0);
  EXPECT_EQ(server_->db().QueryValue(
                "SELECT request_summary->>'force' FROM audit_events WHERE NOT "
                "validate_only AND "
                "action = 'service_account.delete' AND target_id = '" +
                owner.id() + "'"),
            "true");
}

TEST_F(AccountTest, KeysUsedOnlyLongAgoDoNotBlockDelete) {
  const v1::Account owner = make_.User().Email("longago@example.com").Create();
  InsertKey(owner.id(), "now() - interval '1 hour'");
  v1::DeleteAccountResponse response;
  const grpc::Status status = Delete(owner.id(), false, false, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.deleted_api_key_ids_size(), 1);
}

TEST_F(AccountTest, DeleteOfAMalformedIdIsInvalidArgument) {
  v1::DeleteAccountResponse response;
  for (const std::string& bad :
       {std::string("lkc-zzzzzzzz"), std::string("sa-"), std::string("")}) {
    const grpc::Status status = Delete(bad, true, false, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("id:"));
  }
  EXPECT_EQ(Delete("u-zzzzzzzz", true, false, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace keyward::testing
