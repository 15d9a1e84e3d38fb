// AccountManager and ResourceManager rules that need no database: input
// validation before any repository call, the audit actions, flushing
// last-used times before a delete decision, and page-token scopes.
#include "services/domain/account_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/domain/resource_manager.h"
#include "tests/unit/domain/fake_policy.h"
#include "tests/unit/domain/fake_repositories.h"

namespace keyward::domain {
namespace {

using ::testing::HasSubstr;

using testing::FixedClock;
using RecordingRecorder = testing::FlushCountingRecorder;

class FakeAccounts : public AccountRepository {
 public:
  explicit FakeAccounts(const RecordingRecorder& recorder)
      : recorder_(recorder) {}
  absl::StatusOr<std::variant<Account, EmailTaken>> Create(
      const Account& account, const Mutation& mutation) override {
    last_mutation = mutation;
    if (email_taken) return EmailTaken{account.email};
    return account;
  }
  absl::StatusOr<Account> Get(const std::string& id,
                              const ReadScope&) override {
    Account account;
    account.id = id;
    return account;
  }
  absl::StatusOr<Page<Account>> List(std::optional<AccountType>,
                                     const PageRequest&,
                                     const ReadScope&) override {
    return Page<Account>{};
  }
  absl::StatusOr<Account> Update(const std::string& id, const AccountUpdate&,
                                 const Mutation& mutation) override {
    last_mutation = mutation;
    Account account;
    account.id = id;
    return account;
  }
  absl::StatusOr<std::variant<DeleteResult, LastAdminBinding, KeysInUse>>
  Delete(const std::string& id, const KeysInUseCheck& check,
         const AdminRole& admin, const Mutation& mutation) override {
    last_mutation = mutation;
    keys_in_use = check;
    kept_admin = admin;
    flushes_before_delete = recorder_.flushes;
    if (holds_last_admin) return LastAdminBinding{admin, "", id};
    DeleteResult result;
    result.id = id;
    return result;
  }

  bool email_taken = false;
  Mutation last_mutation;
  KeysInUseCheck keys_in_use;
  AdminRole kept_admin;
  bool holds_last_admin = false;
  int flushes_before_delete = -1;

 private:
  const RecordingRecorder& recorder_;
};

class AccountManagerTest : public ::testing::Test {
 protected:
  AccountManagerTest()
      : clock_(testing::At(1700000000)),
        hasher_("pepper"),
        page_tokens_(hasher_),
        repository_(recorder_),
        policy_(clock_),
        keys_in_use_(recorder_, std::chrono::minutes(15)),
        manager_(repository_, keys_in_use_, policy_.gate, policy_.facts,
                 page_tokens_) {}

  FixedClock clock_;
  crypto::SecretHasher hasher_;
  PageTokenCodec page_tokens_;
  RecordingRecorder recorder_;
  FakeAccounts repository_;
  testing::FakePolicy policy_;
  KeysInUseGuard keys_in_use_;
  AccountManager manager_;
};

TEST_F(AccountManagerTest,
       DeleteFlushesLastUsedTimesFirstAndLooksBackOneWindow) {
  ASSERT_TRUE(manager_.Delete(Caller{}, "sa-abcdefgh", false, false).ok());
  EXPECT_EQ(repository_.flushes_before_delete, 1);
  EXPECT_EQ(repository_.keys_in_use.used_since,
            clock_.Now() - std::chrono::minutes(15));
  EXPECT_EQ(repository_.keys_in_use.override_field, "force");
  EXPECT_EQ(repository_.last_mutation.audit.action, "service_account.delete");
  EXPECT_EQ(repository_.last_mutation.audit.target_id, "sa-abcdefgh");

  ASSERT_TRUE(manager_.Delete(Caller{}, "u-abcdefgh", true, true).ok());
  EXPECT_EQ(repository_.last_mutation.audit.action, "user_account.delete");
  EXPECT_TRUE(repository_.last_mutation.validate_only);
}

TEST_F(AccountManagerTest, KeepsAnOrganizationAdminAndWordsTheRefusal) {
  repository_.holds_last_admin = true;
  const auto result = manager_.Delete(Caller{}, "u-abcdefgh", true, false);
  EXPECT_EQ(repository_.kept_admin.role, "OrganizationAdmin");
  EXPECT_EQ(repository_.kept_admin.scope, "organization");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(result.status().message(),
            "account u-abcdefgh holds the organization's last "
            "OrganizationAdmin binding: grant OrganizationAdmin at "
            "organization to another account first");
}

TEST_F(AccountManagerTest, ForceChecksNoKeysAndNeedsNoFlush) {
  ASSERT_TRUE(manager_.Delete(Caller{}, "sa-abcdefgh", true, false).ok());
  EXPECT_EQ(repository_.keys_in_use.used_since, std::nullopt);
  EXPECT_EQ(repository_.flushes_before_delete, 0);
}

TEST_F(AccountManagerTest, AFailedFlushStopsTheDelete) {
  recorder_.flush_status = absl::UnavailableError("database down");
  const auto result = manager_.Delete(Caller{}, "sa-abcdefgh", false, false);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(repository_.flushes_before_delete, -1);
}

TEST_F(AccountManagerTest, MalformedIdsNeverReachTheRepository) {
  for (const char* id : {"", "env-abcdefgh", "sa-ABCDEFGH", "u-1"}) {
    EXPECT_EQ(manager_.Delete(Caller{}, id, false, false).status().code(),
              absl::StatusCode::kInvalidArgument)
        << id;
    EXPECT_EQ(manager_.Get(Caller{}, id).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(recorder_.flushes, 0);
  EXPECT_EQ(repository_.flushes_before_delete, -1);
}

TEST_F(AccountManagerTest, CreatesAuditTheRequestAndValidateOnlyClearsTheId) {
  auto sa = manager_.CreateServiceAccount(Caller{}, "Name", "", true);
  ASSERT_TRUE(sa.ok());
  EXPECT_EQ(sa->id, "");
  EXPECT_EQ(sa->type, AccountType::kServiceAccount);
  EXPECT_EQ(repository_.last_mutation.audit.action, "service_account.create");
  // A dry-run create names no object in the audit trail (audit.proto).
  EXPECT_EQ(repository_.last_mutation.audit.target_id, "");

  auto user = manager_.CreateUserAccount(Caller{}, "a@example.com", "A", false);
  ASSERT_TRUE(user.ok());
  EXPECT_THAT(user->id, ::testing::StartsWith("u-"));
  EXPECT_EQ(user->email, "a@example.com");
  EXPECT_EQ(repository_.last_mutation.audit.action, "user_account.create");
  EXPECT_THAT(repository_.last_mutation.audit.request_summary_json,
              HasSubstr("\"email\":\"a@example.com\""));
}

TEST_F(AccountManagerTest, ATakenEmailIsAlreadyExistsNamingTheEmail) {
  repository_.email_taken = true;
  const auto user =
      manager_.CreateUserAccount(Caller{}, "Ada@example.org", "Ada", false);
  EXPECT_EQ(user.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(user.status().message(),
            "a user with email Ada@example.org already exists");
}

TEST_F(AccountManagerTest, UpdateActionFollowsTheAccountType) {
  AccountUpdate update;
  update.description = "";
  ASSERT_TRUE(manager_.Update(Caller{}, "u-abcdefgh", update).ok());
  EXPECT_EQ(repository_.last_mutation.audit.action, "user_account.update");
  ASSERT_TRUE(manager_.Update(Caller{}, "sa-abcdefgh", update).ok());
  EXPECT_EQ(repository_.last_mutation.audit.action, "service_account.update");
  EXPECT_EQ(
      manager_.Update(Caller{}, "sa-abcdefgh", AccountUpdate{}).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(ListScopesTest, EveryFilterIsPartOfTheScope) {
  EXPECT_EQ(AccountListScope(std::nullopt), "accounts|type=");
  EXPECT_EQ(AccountListScope(AccountType::kUser), "accounts|type=USER");
  EXPECT_NE(AccountListScope(AccountType::kServiceAccount),
            AccountListScope(AccountType::kUser));
  EXPECT_EQ(ResourceListScope("env-abcdefgh", ResourceKind::kKafkaCluster),
            "resources|environment=env-abcdefgh|kind=KAFKA_CLUSTER");
  EXPECT_EQ(ResourceListScope("", std::nullopt),
            "resources|environment=|kind=");
}

}  // namespace
}  // namespace keyward::domain
