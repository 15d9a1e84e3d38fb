#include "services/domain/invitation_manager.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/domain/ids.h"
#include "services/domain/time_text.h"
#include "services/domain/validation.h"

namespace keyward::domain {
namespace {

constexpr char kTtlSetting[] = "invitation_ttl_hours";

absl::Status InvalidInvitation() {
  return RefusalError(InvitationNotRedeemable{});
}

}  // namespace

absl::StatusOr<std::chrono::microseconds> InvitationLifetime(
    const nlohmann::json& defaults) {
  if (!defaults.is_object() || !defaults.contains(kTtlSetting)) {
    return std::chrono::duration_cast<std::chrono::microseconds>(
        kDefaultInvitationLifetime);
  }
  const nlohmann::json& hours = defaults[kTtlSetting];
  const double max_hours = static_cast<double>(kMaxInvitationLifetime.count());
  // At least a second: a shorter lifetime would round to an invitation that
  // expires as it is made.
  constexpr double kMinHours = 1.0 / 3600;
  if (!hours.is_number() || !(hours.get<double>() >= kMinHours) ||
      hours.get<double>() > max_hours) {
    const std::string problem = absl::StrCat(
        "the policy's defaults.", kTtlSetting, " is ", hours.dump(),
        ", not a number of hours of at least one second and at most ",
        max_hours, " (keyward_config.", kTtlSetting, " in the policy data)");
    LogWarning(problem);
    return absl::FailedPreconditionError(
        absl::StrCat(problem, "; no invitation was created"));
  }
  return std::chrono::microseconds(
      std::llround(hours.get<double>() * 3600.0 * 1e6));
}

InvitationManager::InvitationManager(InvitationRepository& repository,
                                     const crypto::SecretHasher& hasher,
                                     const Clock& clock, PolicyGate& policy,
                                     PolicyFacts& facts,
                                     RoleBindingSource& role_bindings,
                                     KeyQuotas quotas)
    : repository_(repository),
      hasher_(hasher),
      clock_(clock),
      policy_(policy),
      facts_(facts),
      role_bindings_(role_bindings),
      quotas_(quotas),
      decoy_token_(crypto::NewInvitationToken()) {}

Decided<IssuedInvitation> InvitationManager::Create(
    const Caller& caller, const std::string& account_id, bool validate_only) {
  KEYWARD_RETURN_IF_ERROR(CheckId("account_id", account_id,
                                  {IdKind::kUser, IdKind::kServiceAccount}));
  if (AccountTypeOfId(account_id) != AccountType::kUser) {
    return InvalidField("account_id",
                        "is a service account: invitations are for user "
                        "accounts (u-…); give a service account its keys "
                        "with CreateApiKey");
  }
  PolicyTarget target;
  KEYWARD_ASSIGN_OR_RETURN(target.owner, facts_.Account(account_id));
  return policy_
      .Authorize(caller, {"invitation.create",
                          account_id,
                          validate_only,
                          {{"account_id", account_id}},
                          std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<IssuedInvitation> {
        KEYWARD_ASSIGN_OR_RETURN(const std::chrono::microseconds lifetime,
                                 InvitationLifetime(mutation.policy_defaults));
        Invitation invitation;
        invitation.account_id = account_id;
        invitation.created_by = caller.id;
        invitation.create_time = mutation.now;
        invitation.expire_time = mutation.now + lifetime;
        // A dry run issues no token; the placeholder hash only lets the
        // rolled back insert run every check the real one would.
        IssuedInvitation issued;
        if (!validate_only) issued.token = crypto::NewInvitationToken();
        KEYWARD_ASSIGN_OR_RETURN(
            issued.invitation,
            Worded(repository_.Create(invitation, hasher_.Hash(issued.token),
                                      mutation)));
        return issued;
      });
}

Decided<IssuedApiKey> InvitationManager::Redeem(
    const Caller& call, const std::string& token,
    const std::string& description) {
  // An empty description is allowed here; requiring one is policy.
  KEYWARD_RETURN_IF_ERROR(
      CheckText("description", description, Presence::kOptional));

  // A malformed token costs the same hash and lookup as any other, so
  // neither the answer nor the time taken tells the cases apart.
  const bool well_formed = crypto::IsWellFormedInvitationToken(token);
  const std::string token_hash =
      hasher_.Hash(well_formed ? token : decoy_token_);
  KEYWARD_ASSIGN_OR_RETURN(
      const std::optional<Invitation> found,
      repository_.FindRedeemable(token_hash, clock_.Now()));
  if (!found || !well_formed) return InvalidInvitation();

  // From here on the call is the invited user's own key creation.
  Caller invitee;
  invitee.id = found->account_id;
  invitee.type = AccountTypeName(AccountType::kUser);
  KEYWARD_ASSIGN_OR_RETURN(invitee.role_bindings,
                           role_bindings_.RoleBindingsOf(found->account_id));
  invitee.deadline = call.deadline;

  ApiKey key;
  key.id = NewId(IdKind::kApiKey);
  key.owner_id = found->account_id;
  key.owner_type = AccountType::kUser;
  key.resource_id = kCloudResourceId;
  key.resource_kind = ResourceKind::kCloud;
  key.description = description;
  key.created_by = found->account_id;

  absl::StatusOr<PolicyTarget> target =
      facts_.KeyCreation(key.owner_id, kCloudResourceId);
  if (absl::IsNotFound(target.status())) return InvalidInvitation();
  if (!target.ok()) return target.status();
  target->invitation = *found;
  const nlohmann::json invitation = {
      {"account_id", found->account_id},
      {"expire_time", FormatTime(found->expire_time)}};
  // The summary names the request's fields; the token is not one of them.
  return policy_
      .Authorize(invitee, {"api_key.create",
                           key.id,
                           false,
                           {{"owner_id", key.owner_id},
                            {"resource_id", key.resource_id},
                            {"display_name", key.display_name},
                            {"description", key.description},
                            {"expire_time", nullptr},
                            {"invitation", invitation}},
                           *std::move(target)})
      .Then([&](const Mutation& mutation) -> absl::StatusOr<IssuedApiKey> {
        key.create_time = mutation.now;
        key.update_time = mutation.now;
        IssuedApiKey issued;
        issued.secret = crypto::NewSecret();
        KEYWARD_ASSIGN_OR_RETURN(
            issued.key, Worded(repository_.Redeem(token_hash, key,
                                                  hasher_.Hash(issued.secret),
                                                  quotas_, mutation)));
        return issued;
      });
}

}  // namespace keyward::domain
