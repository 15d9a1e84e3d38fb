// PgEnvironmentRepository: environments in PostgreSQL (see
// domain::EnvironmentRepository for the contract).
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_ENVIRONMENT_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_ENVIRONMENT_REPOSITORY_H_

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgEnvironmentRepository : public domain::EnvironmentRepository {
 public:
  explicit PgEnvironmentRepository(Database& database);

  absl::StatusOr<domain::Environment> Create(
      const domain::Environment& environment,
      const domain::Mutation& mutation) override;
  absl::StatusOr<domain::Environment> Get(
      const std::string& id, const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Page<domain::Environment>> List(
      const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Environment> Update(
      const std::string& id, const domain::EnvironmentUpdate& update,
      const domain::Mutation& mutation) override;
  absl::StatusOr<
      std::variant<domain::DeleteResult, domain::EnvironmentHoldsResources,
                   domain::KeysInUse>>
  Delete(const std::string& id, bool force,
         const domain::KeysInUseCheck& keys_in_use,
         const domain::Mutation& mutation) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ENVIRONMENT_REPOSITORY_H_
