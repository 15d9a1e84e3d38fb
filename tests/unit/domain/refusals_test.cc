// The words and codes the caller gets for each refusal the store returns
// (the integration tests assert the same messages end to end).
#include "services/domain/refusals.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "services/domain/invitation_manager.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/organization_admins.h"

namespace keyward::domain {
namespace {

TEST(RefusalsTest, ConflictsAreAlreadyExistsNamingTheExistingRow) {
  EXPECT_EQ(RefusalError(EmailTaken{"Ada@Example.com"}),
            absl::AlreadyExistsError(
                "a user with email Ada@Example.com already exists"));
  EXPECT_EQ(RefusalError(SchemaRegistryTaken{"env-abcdefgh", "lsrc-abcdef"}),
            absl::AlreadyExistsError("environment env-abcdefgh already has a "
                                     "Schema Registry (lsrc-abcdef)"));
  EXPECT_EQ(RefusalError(SchemaRegistryTaken{"env-abcdefgh", ""}),
            absl::AlreadyExistsError(
                "environment env-abcdefgh already has a Schema Registry"));
  EXPECT_EQ(RefusalError(RoleAlreadyHeld{"u-abcdefgh", "EnvironmentAdmin",
                                         "env-abcdefgh", "rb-abcdefgh"}),
            absl::AlreadyExistsError("principal u-abcdefgh already holds role "
                                     "EnvironmentAdmin at scope env-abcdefgh "
                                     "(rb-abcdefgh)"));
  EXPECT_EQ(RefusalError(RoleAlreadyHeld{"u-abcdefgh", "AccountAdmin",
                                         "organization", ""}),
            absl::AlreadyExistsError("principal u-abcdefgh already holds role "
                                     "AccountAdmin at scope organization"));
}

TEST(RefusalsTest, PreconditionsSayHowToProceed) {
  EXPECT_EQ(RefusalError(EnvironmentHoldsResources{"env-abcdefgh", 2}),
            absl::FailedPreconditionError(
                "environment env-abcdefgh still holds 2 resource(s); delete "
                "them first or pass force"));
  EXPECT_EQ(RefusalError(AccountHoldsKeys{"u-abcdefgh"}),
            absl::FailedPreconditionError(
                "account u-abcdefgh already holds API keys: an invitation is "
                "for a user's first key; the user creates further keys with "
                "their own"));
}

TEST(RefusalsTest, AnUnredeemableInvitationGetsTheOneAnswer) {
  EXPECT_EQ(RefusalError(InvitationNotRedeemable{}),
            absl::UnauthenticatedError(kInvalidInvitation));
}

TEST(RefusalsTest, AQuotaRefusalNamesItsFlag) {
  using Quota = KeyQuotaExceeded::Quota;
  EXPECT_EQ(
      RefusalError(KeyQuotaExceeded{Quota::kPerOwnerPerResource, "sa-abcdefgh",
                                    "lkc-abcdef", 10}),
      absl::ResourceExhaustedError(
          "quota exceeded: sa-abcdefgh already holds 10 keys on lkc-abcdef "
          "(quota-keys-per-owner-per-resource)"));
  EXPECT_EQ(
      RefusalError(
          KeyQuotaExceeded{Quota::kPerOwner, "sa-abcdefgh", "lkc-abcdef", 25}),
      absl::ResourceExhaustedError("quota exceeded: sa-abcdefgh already "
                                   "holds 25 keys (quota-keys-per-owner)"));
}

KeysInUse InUse(KeyHolder holder, std::vector<std::string> key_ids,
                std::chrono::microseconds window, std::string override_field) {
  KeysInUse refusal;
  refusal.holder = holder;
  refusal.holder_id = "x-abcdefgh";
  refusal.key_ids = std::move(key_ids);
  refusal.check.active_window = window;
  refusal.check.override_field = std::move(override_field);
  return refusal;
}

TEST(RefusalsTest, KeysInUseNamesTheWindowTheKeysAndTheOverride) {
  EXPECT_EQ(RefusalError(InUse(KeyHolder::kResource, {"KEYA", "KEYB"},
                               std::chrono::minutes(15), "force")),
            absl::FailedPreconditionError(
                "resource x-abcdefgh has keys used in the last 15m: KEYA, "
                "KEYB; pass force to delete anyway"));
  EXPECT_EQ(RefusalError(InUse(KeyHolder::kEnvironment, {"KEYA"},
                               std::chrono::hours(1), "ignore_active_keys"))
                .message(),
            "environment x-abcdefgh has keys used in the last 1h: KEYA; pass "
            "ignore_active_keys to delete anyway");
  // The window is written in the duration grammar it is configured in.
  EXPECT_EQ(RefusalError(InUse(KeyHolder::kAccount, {"KEYA"},
                               std::chrono::milliseconds(1500), "force"))
                .message(),
            "account x-abcdefgh has keys used in the last 1s500ms: KEYA; pass "
            "force to delete anyway");
}

TEST(RefusalsTest, KeysInUseNamesTenKeysThenHowManyMore) {
  std::vector<std::string> keys;
  for (int i = 0; i < 12; ++i) keys.push_back("K" + std::to_string(i));
  EXPECT_EQ(RefusalError(InUse(KeyHolder::kAccount, keys,
                               std::chrono::minutes(15), "force"))
                .message(),
            "account x-abcdefgh has keys used in the last 15m: K0, K1, K2, "
            "K3, K4, K5, K6, K7, K8, K9 and 2 more; pass force to delete "
            "anyway");
}

TEST(WordedTest, PassesTheValueOrAnErrorAndWordsARefusal) {
  using Outcome = std::variant<DeleteResult, LastAdminBinding, KeysInUse>;
  DeleteResult deleted;
  deleted.id = "u-abcdefgh";
  absl::StatusOr<DeleteResult> value = Worded<DeleteResult>(
      absl::StatusOr<Outcome>(Outcome(std::in_place_index<0>, deleted)));
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->id, "u-abcdefgh");

  EXPECT_EQ(Worded<DeleteResult>(
                absl::StatusOr<Outcome>(absl::UnavailableError("down")))
                .status(),
            absl::UnavailableError("down"));

  const LastAdminBinding last_admin{OrganizationAdminRole(), "", "u-abcdefgh"};
  EXPECT_EQ(Worded<DeleteResult>(absl::StatusOr<Outcome>(last_admin)).status(),
            RefusalError(last_admin));
  const KeysInUse in_use =
      InUse(KeyHolder::kAccount, {"KEYA"}, std::chrono::minutes(15), "force");
  EXPECT_EQ(Worded<DeleteResult>(absl::StatusOr<Outcome>(in_use)).status(),
            RefusalError(in_use));
}

}  // namespace
}  // namespace keyward::domain
