// InvitationManager: the rules for invitations (DESIGN.md §1: a user gets a
// first key without anyone else seeing its secret) over an
// InvitationRepository.
//
// Create: an admin invites a user account (never a service account) — policy
// action `invitation.create`, with target.owner the account; the policy's
// decision also says how long the invitation lasts (defaults
// .invitation_ttl_hours). The token is issued here and only its keyed hash
// is stored.
//
// Redeem: whoever holds the token, with no other credentials, gets a new
// Cloud key of the invited user. It is decided as that user's own
// `api_key.create` (the user as the caller, with their role bindings, and
// target.invitation beside the usual creation facts), so governance and
// quotas apply; the invitation is used up in the transaction that creates
// the key. A malformed, unknown, used or expired token gets one answer,
// UNAUTHENTICATED kInvalidInvitation, after the same work (one hash, one
// lookup).
//
// Tokens and secrets exist in plain text only in the values Create and
// Redeem return: never in an audit record, a log line or an error.
//
// Thread-safety: safe to call concurrently if its dependencies are.
#ifndef KEYWARD_SERVICES_DOMAIN_INVITATION_MANAGER_H_
#define KEYWARD_SERVICES_DOMAIN_INVITATION_MANAGER_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "services/crypto/secret.h"
#include "services/domain/api_key_manager.h"
#include "services/domain/authenticator.h"
#include "services/domain/caller.h"
#include "services/domain/clock.h"
#include "services/domain/decided.h"
#include "services/domain/policy_facts.h"
#include "services/domain/policy_gate.h"
#include "services/domain/repositories.h"
#include "services/domain/types.h"

namespace keyward::domain {

// The one answer to every token that cannot be redeemed.
inline constexpr char kInvalidInvitation[] =
    "invalid, expired or already used invitation";

// How long an invitation lasts when the policy's decision does not say.
inline constexpr std::chrono::hours kDefaultInvitationLifetime{72};
// The longest lifetime a policy may give one.
inline constexpr std::chrono::hours kMaxInvitationLifetime{24 * 365};

// A created invitation and its token, shown once (token empty for
// validate_only).
struct IssuedInvitation {
  Invitation invitation;
  std::string token;
};

class InvitationManager {
 public:
  InvitationManager(InvitationRepository& repository,
                    const crypto::SecretHasher& hasher, const Clock& clock,
                    PolicyGate& policy, PolicyFacts& facts,
                    RoleBindingSource& role_bindings, KeyQuotas quotas);

  // Both return the policy's decision with their result (decided.h).
  Decided<IssuedInvitation> Create(const Caller& caller,
                                   const std::string& account_id,
                                   bool validate_only);

  // `call` is the unauthenticated RPC: only its deadline is used; the key
  // is created as the invited user, and the decision is on that creation.
  Decided<IssuedApiKey> Redeem(const Caller& call, const std::string& token,
                               const std::string& description);

 private:
  InvitationRepository& repository_;
  const crypto::SecretHasher& hasher_;
  const Clock& clock_;
  PolicyGate& policy_;
  PolicyFacts& facts_;
  RoleBindingSource& role_bindings_;
  const KeyQuotas quotas_;
  // Hashed and looked up in place of a malformed token; never stored.
  const std::string decoy_token_;
};

// The lifetime a decision's defaults give an invitation:
// invitation_ttl_hours (a number, fractions allowed), or
// kDefaultInvitationLifetime when absent. FAILED_PRECONDITION naming the
// setting when it is not a number of hours in (0, kMaxInvitationLifetime].
absl::StatusOr<std::chrono::microseconds> InvitationLifetime(
    const nlohmann::json& defaults);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_INVITATION_MANAGER_H_
