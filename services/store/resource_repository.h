// PgResourceRepository: resources in PostgreSQL (see
// domain::ResourceRepository for the contract). "One Schema Registry per
// environment" rides on the resources_one_schema_registry_per_environment
// index; deleting a resource cascades to its keys and the role bindings
// scoped to it through foreign keys.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_RESOURCE_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_RESOURCE_REPOSITORY_H_

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgResourceRepository : public domain::ResourceRepository {
 public:
  explicit PgResourceRepository(Database& database);

  absl::StatusOr<std::variant<domain::Resource, domain::SchemaRegistryTaken>>
  Create(const domain::Resource& resource,
         const domain::Mutation& mutation) override;
  absl::StatusOr<domain::Resource> Get(
      const std::string& id, const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Page<domain::Resource>> List(
      const std::optional<std::string>& environment_id,
      std::optional<domain::ResourceKind> kind, const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<std::variant<domain::DeleteResult, domain::KeysInUse>> Delete(
      const std::string& id, const domain::KeysInUseCheck& keys_in_use,
      const domain::Mutation& mutation) override;

 private:
  Database& database_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_RESOURCE_REPOSITORY_H_
