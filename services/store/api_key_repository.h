// PgApiKeyRepository: API keys in PostgreSQL (see domain::ApiKeyRepository
// for the contract). A Cloud key is stored with resource_id NULL, so the
// foreign key can cascade resource deletes, and read back as "cloud".
// Secrets never reach this class: it stores and returns their keyed hash.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_API_KEY_REPOSITORY_H_
#define KEYWARD_SERVICES_STORE_API_KEY_REPOSITORY_H_

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/domain/repositories.h"
#include "services/store/database.h"

namespace keyward::store {

class PgApiKeyRepository : public domain::ApiKeyRepository {
 public:
  explicit PgApiKeyRepository(Database& database);

  // Locks the owner's account row for the rest of the transaction, so the
  // quota counts of concurrent creates for one owner are taken one after the
  // other and cannot overshoot.
  absl::StatusOr<std::variant<domain::ApiKey, domain::KeyQuotaExceeded>> Create(
      const domain::ApiKey& key, const std::string& secret_hash,
      const domain::KeyQuotas& quotas,
      const domain::Mutation& mutation) override;
  absl::StatusOr<domain::ApiKey> Get(const std::string& id,
                                     const domain::ReadScope& reader) override;
  absl::StatusOr<domain::Page<domain::ApiKey>> List(
      const domain::ApiKeyFilter& filter, const domain::PageRequest& page,
      const domain::ReadScope& reader) override;
  absl::StatusOr<domain::ApiKey> Update(
      const std::string& id, const domain::ApiKeyUpdate& update,
      const domain::Mutation& mutation) override;
  absl::StatusOr<domain::DeleteResult> Delete(
      const std::string& id, const domain::Mutation& mutation) override;
  // Both publish the key as a revocation, so every replica's verification
  // cache reads it again.
  absl::StatusOr<domain::ApiKey> Disable(
      const std::string& id, const domain::Mutation& mutation) override;
  absl::StatusOr<domain::ApiKey> Enable(
      const std::string& id, const domain::Mutation& mutation) override;
  absl::StatusOr<std::variant<domain::RotatedApiKey, domain::KeyNotRotatable,
                              domain::KeyQuotaExceeded>>
  Rotate(const std::string& old_id, const domain::ApiKey& successor,
         const std::string& secret_hash, domain::Time retire_at,
         const domain::KeyQuotas& quotas,
         const domain::Mutation& mutation) override;
  absl::StatusOr<std::vector<domain::KeyUsageDay>> Usage(
      const std::string& id, domain::UtcDay first,
      domain::UtcDay last) override;
  absl::StatusOr<domain::KeyCreationFacts> CreationFacts(
      const std::string& owner_id, const std::string& resource_id) override;
  absl::StatusOr<std::optional<domain::StoredApiKey>> FindForVerification(
      const std::string& id) override;
  // One transaction for the whole batch (key_uses.h).
  absl::Status RecordUses(const domain::KeyUses& uses) override;

 private:
  Database& database_;
};

// Whether InsertApiKey takes the owner's lock or the caller already holds
// it in the transaction (a rotation locks the owner before the old key).
enum class OwnerLock {
  kTake,
  kHeld,
};

// What Create does, inside a transaction of the caller's, for writes that
// create a key as part of a larger change (redeeming an invitation,
// rotating): locks the owner (unless `owner_lock` says it is held), inserts
// within the quotas, and returns the key, or NOT_FOUND / KeyQuotaExceeded
// (the caller then rolls the transaction back).
absl::StatusOr<std::variant<domain::ApiKey, domain::KeyQuotaExceeded>>
InsertApiKey(pqxx::work& txn, const domain::ApiKey& key,
             const std::string& secret_hash, const domain::KeyQuotas& quotas,
             domain::Time now, OwnerLock owner_lock = OwnerLock::kTake);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_API_KEY_REPOSITORY_H_
