#include "services/domain/refusals.h"

#include "absl/strings/str_cat.h"
#include "services/domain/invitation_manager.h"

namespace keyward::domain {
namespace {

// " (<id>)" naming the existing row, or nothing when it is gone.
std::string Existing(const std::string& id) {
  return id.empty() ? std::string() : absl::StrCat(" (", id, ")");
}

}  // namespace

absl::Status RefusalError(const EmailTaken& refusal) {
  return absl::AlreadyExistsError(
      absl::StrCat("a user with email ", refusal.email, " already exists"));
}

absl::Status RefusalError(const SchemaRegistryTaken& refusal) {
  return absl::AlreadyExistsError(absl::StrCat(
      "environment ", refusal.environment_id, " already has a Schema Registry",
      Existing(refusal.existing_id)));
}

absl::Status RefusalError(const RoleAlreadyHeld& refusal) {
  return absl::AlreadyExistsError(absl::StrCat(
      "principal ", refusal.principal_id, " already holds role ", refusal.role,
      " at scope ", refusal.scope, Existing(refusal.existing_id)));
}

absl::Status RefusalError(const EnvironmentHoldsResources& refusal) {
  return absl::FailedPreconditionError(absl::StrCat(
      "environment ", refusal.environment_id, " still holds ",
      refusal.resource_count, " resource(s); delete them first or pass force"));
}

absl::Status RefusalError(const AccountHoldsKeys& refusal) {
  return absl::FailedPreconditionError(absl::StrCat(
      "account ", refusal.account_id,
      " already holds API keys: an invitation is for a user's first "
      "key; the user creates further keys with their own"));
}

absl::Status RefusalError(const InvitationNotRedeemable&) {
  return absl::UnauthenticatedError(kInvalidInvitation);
}

absl::Status RefusalError(const KeyQuotaExceeded& refusal) {
  if (refusal.quota == KeyQuotaExceeded::Quota::kPerOwnerPerResource) {
    return absl::ResourceExhaustedError(
        absl::StrCat("quota exceeded: ", refusal.owner_id, " already holds ",
                     refusal.held, " keys on ", refusal.resource_id,
                     " (quota-keys-per-owner-per-resource)"));
  }
  return absl::ResourceExhaustedError(
      absl::StrCat("quota exceeded: ", refusal.owner_id, " already holds ",
                   refusal.held, " keys (quota-keys-per-owner)"));
}

}  // namespace keyward::domain
