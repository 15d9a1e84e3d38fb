// PgBootstrapRepository: the first admin's account, role binding and Cloud
// key in one transaction (see domain::BootstrapRepository). A
// transaction-scoped advisory lock makes two concurrent bootstraps take
// turns, so only one can write.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_BOOTSTRAP_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_BOOTSTRAP_REPOSITORY_H_

#include "services/domain/bootstrap.h"
#include "services/store/database.h"

namespace keyward::store {

class PgBootstrapRepository : public domain::BootstrapRepository {
 public:
  explicit PgBootstrapRepository(Database& database);

  absl::StatusOr<std::optional<domain::ExistingAdmin>> CreateFirstAdmin(
      const domain::FirstAdmin& admin, const std::string& secret_hash,
      const std::vector<domain::AuditRecord>& audit, domain::Time now) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_BOOTSTRAP_REPOSITORY_H_
