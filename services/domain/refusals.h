// Why a write wrote nothing, as values: the store finds that a write must be
// refused (a uniqueness constraint, a quota, a precondition) and returns one
// of these with the facts; the domain puts it into words with RefusalError.
// So the store only stores, and every message a caller reads is written here
// or beside the rule it enforces (LastAdminBinding in organization_admins.h,
// KeysInUse in keys_in_use.h).
//
// A repository method that can refuse returns
// absl::StatusOr<std::variant<T, Refusal...>>; a manager turns that into
// absl::StatusOr<T> with Worded.
//
// Thread-safety: plain values and stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_REFUSALS_H_
#define KEYWARD_SERVICES_DOMAIN_REFUSALS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace keyward::domain {

// A user with the same email (ignoring case) exists.
struct EmailTaken {
  std::string email;
};

// The environment has a Schema Registry already (`existing_id`; empty if it
// was deleted meanwhile).
struct SchemaRegistryTaken {
  std::string environment_id;
  std::string existing_id;
};

// The principal holds the role at that scope already (binding `existing_id`;
// empty if it was deleted meanwhile).
struct RoleAlreadyHeld {
  std::string principal_id;
  std::string role;
  std::string scope;
  std::string existing_id;
};

// An environment delete without force found resources in it.
struct EnvironmentHoldsResources {
  std::string environment_id;
  size_t resource_count = 0;
};

// An invitation is for a user's first key; the account holds keys.
struct AccountHoldsKeys {
  std::string account_id;
};

// The invitation cannot be redeemed (any reason: the caller learns none).
struct InvitationNotRedeemable {};

// A key's creation would exceed one of the owner's quotas (KeyQuotas): the
// owner holds `held` keys already, on `resource_id` for kPerOwnerPerResource.
struct KeyQuotaExceeded {
  enum class Quota { kPerOwnerPerResource, kPerOwner };
  Quota quota = Quota::kPerOwner;
  std::string owner_id;
  std::string resource_id;
  int64_t held = 0;
};

// ALREADY_EXISTS.
absl::Status RefusalError(const EmailTaken& refusal);
absl::Status RefusalError(const SchemaRegistryTaken& refusal);
absl::Status RefusalError(const RoleAlreadyHeld& refusal);
// FAILED_PRECONDITION naming how to proceed.
absl::Status RefusalError(const EnvironmentHoldsResources& refusal);
absl::Status RefusalError(const AccountHoldsKeys& refusal);
// UNAUTHENTICATED kInvalidInvitation (invitation_manager.h).
absl::Status RefusalError(const InvitationNotRedeemable& refusal);
// RESOURCE_EXHAUSTED naming the quota's flag.
absl::Status RefusalError(const KeyQuotaExceeded& refusal);

// The written value, or its refusal put into words (the RefusalError
// overload for the refusal's type, declared beside that type).
template <typename T, typename... Refusals>
absl::StatusOr<T> Worded(absl::StatusOr<std::variant<T, Refusals...>> outcome) {
  if (!outcome.ok()) return outcome.status();
  return std::visit(
      [](auto&& value) -> absl::StatusOr<T> {
        using Alternative = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<Alternative, T>) {
          return std::move(value);
        } else {
          return RefusalError(value);
        }
      },
      *std::move(outcome));
}

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_REFUSALS_H_
