// PgRoleBindingRepository: role bindings in PostgreSQL (see
// domain::RoleBindingRepository for the contract). The scope's foreign key
// column (scope_environment_id or scope_resource_id) is filled from the
// scope, so deleting the principal, the environment or the resource removes
// the binding through ON DELETE CASCADE; "one binding per (principal, role,
// scope)" rides on the role_bindings_unique constraint.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_ROLE_BINDING_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_ROLE_BINDING_REPOSITORY_H_

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgRoleBindingRepository : public domain::RoleBindingRepository {
 public:
  explicit PgRoleBindingRepository(Database& database);

  absl::StatusOr<std::variant<domain::RoleBinding, domain::RoleAlreadyHeld>>
  Create(const domain::RoleBinding& binding,
         const domain::Mutation& mutation) override;
  absl::StatusOr<domain::RoleBinding> Get(
      const std::string& id, const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Page<domain::RoleBinding>> List(
      const std::optional<std::string>& principal_id,
      const std::optional<std::string>& scope, const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<std::variant<domain::DeleteResult, domain::LastAdminBinding>>
  Delete(const std::string& id, const domain::AdminRole& admin,
         const domain::Mutation& mutation) override;
  absl::StatusOr<std::vector<domain::RoleBinding>> ListForPrincipal(
      const std::string& principal_id) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_ROLE_BINDING_REPOSITORY_H_
