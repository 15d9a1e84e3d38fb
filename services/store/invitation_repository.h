// PgInvitationRepository: invitations in PostgreSQL (see
// domain::InvitationRepository for the contract). Tokens never reach this
// class: it stores and looks up their keyed hash. Redeeming uses the
// invitation up with a conditional UPDATE in the transaction that creates
// the key, so a token is redeemed at most once even under concurrent
// redemptions, and not at all when the key cannot be created.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_INVITATION_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_INVITATION_REPOSITORY_H_

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgInvitationRepository : public domain::InvitationRepository {
 public:
  explicit PgInvitationRepository(Database& database);

  absl::StatusOr<std::variant<domain::Invitation, domain::AccountHoldsKeys>>
  Create(const domain::Invitation& invitation, const std::string& token_hash,
         const domain::Mutation& mutation) override;
  absl::StatusOr<std::optional<domain::Invitation>> FindRedeemable(
      const std::string& token_hash, domain::Time now) override;
  absl::StatusOr<std::variant<domain::ApiKey, domain::InvitationNotRedeemable,
                              domain::KeyQuotaExceeded>>
  Redeem(const std::string& token_hash, const domain::ApiKey& key,
         const std::string& secret_hash, const domain::KeyQuotas& quotas,
         const domain::Mutation& mutation) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_INVITATION_REPOSITORY_H_
