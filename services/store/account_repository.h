// PgAccountRepository: user accounts and service accounts in PostgreSQL (see
// domain::AccountRepository for the contract). Email uniqueness rides on the
// accounts_email_unique index; deleting an account cascades to its keys and
// role bindings through foreign keys.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_ACCOUNT_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_ACCOUNT_REPOSITORY_H_

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgAccountRepository : public domain::AccountRepository {
 public:
  explicit PgAccountRepository(Database& database);

  absl::StatusOr<std::variant<domain::Account, domain::EmailTaken>> Create(
      const domain::Account& account,
      const domain::Mutation& mutation) override;
  absl::StatusOr<domain::Account> Get(const std::string& id,
                                      const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Page<domain::Account>> List(
      std::optional<domain::AccountType> type, const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Account> Update(
      const std::string& id, const domain::AccountUpdate& update,
      const domain::Mutation& mutation) override;
  absl::StatusOr<std::variant<domain::DeleteResult, domain::LastAdminBinding,
                              domain::KeysInUse>>
  Delete(const std::string& id, const domain::KeysInUseCheck& keys_in_use,
         const domain::AdminRole& admin,
         const domain::Mutation& mutation) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ACCOUNT_REPOSITORY_H_
