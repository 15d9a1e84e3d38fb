#include "services/domain/invitation_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "tests/unit/domain/fake_api_key_repository.h"
#include "tests/unit/domain/fake_policy.h"

namespace keyward::domain {
namespace {

using testing::At;
using testing::FixedClock;
using ::testing::HasSubstr;

constexpr char kPepper[] = "unit-test-pepper-0123456789abcdefghijklmnop";

// Invitations in a map keyed by token hash; remembers what it was asked.
class FakeInvitationRepository : public InvitationRepository {
 public:
  absl::StatusOr<std::variant<Invitation, AccountHoldsKeys>> Create(
      const Invitation& invitation, const std::string& token_hash,
      const Mutation& mutation) override {
    if (!mutation.validate_only) stored[token_hash] = invitation;
    return invitation;
  }
  absl::StatusOr<std::optional<Invitation>> FindRedeemable(
      const std::string& token_hash, Time now) override {
    looked_up.push_back(token_hash);
    auto it = stored.find(token_hash);
    if (it == stored.end() || it->second.expire_time <= now) {
      return std::optional<Invitation>();
    }
    return std::optional<Invitation>(it->second);
  }
  absl::StatusOr<
      std::variant<ApiKey, InvitationNotRedeemable, KeyQuotaExceeded>>
  Redeem(const std::string& token_hash, const ApiKey& key, const std::string&,
         const KeyQuotas&, const Mutation&) override {
    if (used_up_meanwhile || stored.count(token_hash) == 0) {
      return InvitationNotRedeemable{};
    }
    if (over_quota) return *over_quota;
    stored.erase(token_hash);
    return key;
  }

  std::map<std::string, Invitation> stored;
  std::vector<std::string> looked_up;
  bool used_up_meanwhile = false;  // Redeem finds it redeemed meanwhile
  std::optional<KeyQuotaExceeded> over_quota;  // Redeem refuses with it
};

class NoRoleBindings : public RoleBindingSource {
 public:
  absl::StatusOr<std::vector<CallerRoleBinding>> RoleBindingsOf(
      const std::string&) override {
    return std::vector<CallerRoleBinding>();
  }
};

class InvitationManagerTest : public ::testing::Test {
 protected:
  InvitationManagerTest()
      : hasher_(kPepper),
        clock_(At(1'700'000'000)),
        policy_(clock_),
        manager_(repository_, hasher_, clock_, policy_.gate, policy_.facts,
                 role_bindings_, KeyQuotas{}) {}

  std::string Invite(const std::string& account_id) {
    Decided<IssuedInvitation> issued =
        manager_.Create(Caller{}, account_id, false);
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? issued->token : "";
  }

  crypto::SecretHasher hasher_;
  FixedClock clock_;
  FakeInvitationRepository repository_;
  NoRoleBindings role_bindings_;
  testing::FakePolicy policy_;
  InvitationManager manager_;
};

TEST(InvitationLifetimeTest, ComesFromTheDecisionsDefaults) {
  EXPECT_EQ(*InvitationLifetime(nlohmann::json::object()),
            std::chrono::hours(72));
  EXPECT_EQ(*InvitationLifetime({{"invitation_ttl_hours", 24}}),
            std::chrono::hours(24));
  EXPECT_EQ(*InvitationLifetime({{"invitation_ttl_hours", 0.5}}),
            std::chrono::minutes(30));
  EXPECT_EQ(*InvitationLifetime({{"invitation_ttl_hours", 8760}}),
            std::chrono::hours(8760));
}

TEST(InvitationLifetimeTest, ANonsensicalPolicyValueCreatesNothing) {
  for (const nlohmann::json& hours :
       {nlohmann::json(0), nlohmann::json(-1), nlohmann::json("72"),
        nlohmann::json(8761), nlohmann::json(nullptr), nlohmann::json(1e-12)}) {
    const absl::StatusOr<std::chrono::microseconds> lifetime =
        InvitationLifetime({{"invitation_ttl_hours", hours}});
    ASSERT_FALSE(lifetime.ok()) << hours;
    EXPECT_EQ(lifetime.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(lifetime.status().message()),
                HasSubstr("invitation_ttl_hours"));
  }
}

TEST_F(InvitationManagerTest, CreateIssuesATokenAndStoresOnlyItsHash) {
  PolicyDecision allowed{true, {}, {}, "d-1"};
  allowed.defaults = {{"invitation_ttl_hours", 2}};
  policy_.client.answer = allowed;
  Caller admin;
  admin.id = "u-admin001";
  Decided<IssuedInvitation> issued =
      manager_.Create(admin, "u-invitee1", false);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_TRUE(crypto::IsWellFormedInvitationToken(issued->token));
  EXPECT_EQ(issued->invitation.account_id, "u-invitee1");
  EXPECT_EQ(issued->invitation.created_by, "u-admin001");
  EXPECT_EQ(issued->invitation.expire_time,
            clock_.Now() + std::chrono::hours(2));
  ASSERT_EQ(repository_.stored.size(), 1u);
  EXPECT_EQ(repository_.stored.begin()->first, hasher_.Hash(issued->token));

  ASSERT_EQ(policy_.client.inputs.size(), 1u);
  const nlohmann::json& input = policy_.client.inputs[0];
  EXPECT_EQ(input["action"], "invitation.create");
  EXPECT_EQ(input["request"], nlohmann::json({{"account_id", "u-invitee1"}}));
  EXPECT_EQ(input["target"]["owner"]["id"], "u-invitee1");
}

TEST_F(InvitationManagerTest, AValidateOnlyInvitationHasNoToken) {
  Decided<IssuedInvitation> issued =
      manager_.Create(Caller{}, "u-invitee1", true);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->token, "");
  EXPECT_EQ(issued->invitation.expire_time,
            clock_.Now() + kDefaultInvitationLifetime);
  EXPECT_TRUE(repository_.stored.empty());
}

TEST_F(InvitationManagerTest,
       ServiceAccountsAndBadIdsAreRefusedBeforeThePolicy) {
  for (const char* id : {"sa-robot001", "", "u-SHOUTING", "lkc-abcd1234"}) {
    Decided<IssuedInvitation> issued = manager_.Create(Caller{}, id, false);
    ASSERT_FALSE(issued.ok()) << id;
    EXPECT_EQ(issued.status().code(), absl::StatusCode::kInvalidArgument) << id;
  }
  EXPECT_TRUE(policy_.client.inputs.empty());
}

TEST_F(InvitationManagerTest, RedeemingDecidesAsTheInvitedUser) {
  const std::string token = Invite("u-invitee1");
  Decided<IssuedApiKey> issued = manager_.Redeem(Caller{}, token, "my laptop");
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_TRUE(crypto::IsWellFormedSecret(issued->secret));
  EXPECT_EQ(issued->key.owner_id, "u-invitee1");
  EXPECT_EQ(issued->key.created_by, "u-invitee1");
  EXPECT_EQ(issued->key.resource_id, kCloudResourceId);
  EXPECT_EQ(issued->key.description, "my laptop");
  ASSERT_TRUE(issued.decision().has_value());
  EXPECT_EQ(issued.decision()->decision_id, "d-1");

  const nlohmann::json& input = policy_.client.inputs.back();
  EXPECT_EQ(input["action"], "api_key.create");
  EXPECT_EQ(input["caller"]["id"], "u-invitee1");
  EXPECT_EQ(input["caller"]["type"], "USER");
  EXPECT_EQ(input["target"]["invitation"]["account_id"], "u-invitee1");
  EXPECT_TRUE(input["target"]["invitation"]["expire_time"].is_string());
  EXPECT_EQ(input["request"]["resource_id"], "cloud");
  EXPECT_EQ(input.dump().find(token.substr(6)), std::string::npos);
}

TEST_F(InvitationManagerTest, EveryUnusableTokenGetsOneAnswerAfterOneLookup) {
  const std::string used = Invite("u-invitee1");
  ASSERT_TRUE(manager_.Redeem(Caller{}, used, "first").ok());
  repository_.looked_up.clear();
  const std::vector<std::string> tokens = {used, crypto::NewInvitationToken(),
                                           "kwinv_short", "",
                                           crypto::NewSecret()};
  for (const std::string& token : tokens) {
    Decided<IssuedApiKey> issued = manager_.Redeem(Caller{}, token, "again");
    ASSERT_FALSE(issued.ok()) << token;
    EXPECT_EQ(issued.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(issued.status().message(), kInvalidInvitation);
  }
  EXPECT_EQ(repository_.looked_up.size(), tokens.size());
}

TEST_F(InvitationManagerTest, ARedemptionLostToAnotherGetsTheSameAnswer) {
  const std::string token = Invite("u-invitee1");
  repository_.used_up_meanwhile = true;
  Decided<IssuedApiKey> issued = manager_.Redeem(Caller{}, token, "x");
  EXPECT_EQ(issued.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(issued.status().message(), kInvalidInvitation);
  repository_.used_up_meanwhile = false;
  repository_.over_quota = KeyQuotaExceeded{KeyQuotaExceeded::Quota::kPerOwner,
                                            "u-invitee1", "cloud", 3};
  Decided<IssuedApiKey> over_quota = manager_.Redeem(Caller{}, token, "x");
  EXPECT_EQ(over_quota.status(), absl::ResourceExhaustedError(
                                     "quota exceeded: u-invitee1 already "
                                     "holds 3 keys (quota-keys-per-owner)"));
  // The policy allowed it: its warnings still reach the caller.
  ASSERT_TRUE(over_quota.decision().has_value());
  EXPECT_TRUE(over_quota.decision()->allow);
}

TEST_F(InvitationManagerTest, ADeniedRedemptionIsPermissionDenied) {
  const std::string token = Invite("u-invitee1");
  policy_.client.answer =
      PolicyDecision{false, {{"description_required", "say why"}}, {}, "d-2"};
  Decided<IssuedApiKey> denied = manager_.Redeem(Caller{}, token, "");
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(denied.decision().has_value());
  EXPECT_EQ(denied.decision()->violations[0].rule, "description_required");
  EXPECT_EQ(repository_.stored.size(), 1u);
}

}  // namespace
}  // namespace keyward::domain
