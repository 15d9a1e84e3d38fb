// The storage the domain needs, one small interface per aggregate. store/
// implements them on PostgreSQL; each write runs in one transaction together
// with its Mutation's audit event, performs its own existence, uniqueness,
// quota and precondition checks inside that transaction, and is rolled back
// instead of committed when the Mutation is validate_only.
//
// Get and List show only what `reader` may see (roles.h); anything else
// reads as NOT_FOUND or is left out. Internal reads pass
// ReadScope::Everything().
//
// A write the database refuses (a conflict, a quota, a precondition)
// returns a refusal value (refusals.h) and writes nothing; the domain words
// it. Errors: NOT_FOUND "<what> <id> not found"; UNAVAILABLE when PostgreSQL
// is unreachable.
//
// Thread-safety: implementations are called concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_REPOSITORIES_H_
#define KEYWARD_SERVICES_DOMAIN_REPOSITORIES_H_

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/audit.h"
#include "services/domain/key_rotation.h"
#include "services/domain/key_use.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/mutation.h"
#include "services/domain/organization_admins.h"
#include "services/domain/refusals.h"
#include "services/domain/roles.h"
#include "services/domain/types.h"

namespace keyward::domain {

struct EnvironmentUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> stage;
};

class EnvironmentRepository {
 public:
  virtual ~EnvironmentRepository() = default;
  virtual absl::StatusOr<Environment> Create(const Environment& environment,
                                             const Mutation& mutation) = 0;
  virtual absl::StatusOr<Environment> Get(const std::string& id,
                                          const ReadScope& reader) = 0;
  virtual absl::StatusOr<Page<Environment>> List(const PageRequest& page,
                                                 const ReadScope& reader) = 0;
  virtual absl::StatusOr<Environment> Update(const std::string& id,
                                             const EnvironmentUpdate& update,
                                             const Mutation& mutation) = 0;
  // EnvironmentHoldsResources while the environment holds resources,
  // unless force; KeysInUse when `keys_in_use` refuses one of their keys.
  virtual absl::StatusOr<
      std::variant<DeleteResult, EnvironmentHoldsResources, KeysInUse>>
  Delete(const std::string& id, bool force, const KeysInUseCheck& keys_in_use,
         const Mutation& mutation) = 0;
};

struct AccountUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> description;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  // The account, or EmailTaken.
  virtual absl::StatusOr<std::variant<Account, EmailTaken>> Create(
      const Account& account, const Mutation& mutation) = 0;
  virtual absl::StatusOr<Account> Get(const std::string& id,
                                      const ReadScope& reader) = 0;
  virtual absl::StatusOr<Page<Account>> List(std::optional<AccountType> type,
                                             const PageRequest& page,
                                             const ReadScope& reader) = 0;
  virtual absl::StatusOr<Account> Update(const std::string& id,
                                         const AccountUpdate& update,
                                         const Mutation& mutation) = 0;
  // LastAdminBinding when the account holds the last binding of `admin`;
  // KeysInUse when `keys_in_use` refuses one of its keys.
  virtual absl::StatusOr<
      std::variant<DeleteResult, LastAdminBinding, KeysInUse>>
  Delete(const std::string& id, const KeysInUseCheck& keys_in_use,
         const AdminRole& admin, const Mutation& mutation) = 0;
};

class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;
  // NOT_FOUND for an unknown environment; SchemaRegistryTaken for a second
  // Schema Registry in one environment.
  virtual absl::StatusOr<std::variant<Resource, SchemaRegistryTaken>> Create(
      const Resource& resource, const Mutation& mutation) = 0;
  virtual absl::StatusOr<Resource> Get(const std::string& id,
                                       const ReadScope& reader) = 0;
  virtual absl::StatusOr<Page<Resource>> List(
      const std::optional<std::string>& environment_id,
      std::optional<ResourceKind> kind, const PageRequest& page,
      const ReadScope& reader) = 0;
  // KeysInUse when `keys_in_use` refuses one of its keys.
  virtual absl::StatusOr<std::variant<DeleteResult, KeysInUse>> Delete(
      const std::string& id, const KeysInUseCheck& keys_in_use,
      const Mutation& mutation) = 0;
};

struct ApiKeyUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> description;
};

// ListApiKeys' filters; each unset one matches every key.
struct ApiKeyFilter {
  std::optional<std::string> owner_id;
  std::optional<std::string> resource_id;  // a resource id or "cloud"
  std::optional<ApiKeyState> state;        // as of the read
  // last_used_time before it, or never used.
  std::optional<Time> unused_since;
  // expire_time before it (keys that never expire are left out).
  std::optional<Time> expire_before;
};

struct KeyQuotas {
  int per_owner_per_resource = 10;
  int per_owner = 100;
};

struct KeyCounts {
  int owner_total = 0;
  int owner_on_resource = 0;
};

// What a new key's creation is decided on: its owner with its role
// bindings, its resource with the
// resource's environment (neither for a Cloud key), and how many keys the
// owner holds already.
struct KeyCreationFacts {
  Account owner;
  std::vector<RoleBinding> owner_role_bindings;
  std::optional<Resource> resource;
  std::optional<Environment> environment;
  KeyCounts counts;
};

// A key with its stored secret hash, for verification only.
struct StoredApiKey {
  ApiKey key;
  std::string secret_hash;
};

// Where a key is looked up for verification: the repository itself, or a
// cache in front of it.
class KeyLookup {
 public:
  virtual ~KeyLookup() = default;
  // nullopt when no key has that id.
  virtual absl::StatusOr<std::optional<StoredApiKey>> FindForVerification(
      const std::string& id) = 0;
};

class ApiKeyRepository : public KeyLookup {
 public:
  // Fills owner_type and resource_kind from the database. NOT_FOUND for an
  // unknown owner or resource; KeyQuotaExceeded, checked under a lock on
  // the owner so concurrent creates cannot overshoot.
  virtual absl::StatusOr<std::variant<ApiKey, KeyQuotaExceeded>> Create(
      const ApiKey& key, const std::string& secret_hash,
      const KeyQuotas& quotas, const Mutation& mutation) = 0;
  virtual absl::StatusOr<ApiKey> Get(const std::string& id,
                                     const ReadScope& reader) = 0;
  virtual absl::StatusOr<Page<ApiKey>> List(const ApiKeyFilter& filter,
                                            const PageRequest& page,
                                            const ReadScope& reader) = 0;
  virtual absl::StatusOr<ApiKey> Update(const std::string& id,
                                        const ApiKeyUpdate& update,
                                        const Mutation& mutation) = 0;
  virtual absl::StatusOr<DeleteResult> Delete(const std::string& id,
                                              const Mutation& mutation) = 0;
  // Set disable_time to mutation.now and disabled_by to the mutation's
  // actor, unless the key is disabled already (then it keeps both), or
  // clear both; update_time is left
  // alone. Every replica's verification reads the key again. NOT_FOUND for
  // an unknown id.
  virtual absl::StatusOr<ApiKey> Disable(const std::string& id,
                                         const Mutation& mutation) = 0;
  virtual absl::StatusOr<ApiKey> Enable(const std::string& id,
                                        const Mutation& mutation) = 0;
  // In one transaction, under the lock on the owner that creates take:
  // re-reads key `old_id` (NOT_FOUND if it was deleted meanwhile;
  // KeyNotRotatable unless it is ACTIVE at mutation.now and has no
  // successor yet), inserts `successor` with the old key's current names as
  // Create does, counting the owner's keys without the old one and without
  // keys already replaced against `quotas` (KeyQuotaExceeded), and sets the
  // old key's expire_time to `retire_at` as given (RetiringExpireTime: never
  // later than its own, always after its create_time). The old key's id is
  // published as a revocation.
  virtual absl::StatusOr<
      std::variant<RotatedApiKey, KeyNotRotatable, KeyQuotaExceeded>>
  Rotate(const std::string& old_id, const ApiKey& successor,
         const std::string& secret_hash, Time retire_at,
         const KeyQuotas& quotas, const Mutation& mutation) = 0;
  // The stored usage of key `id` on the days first..last (inclusive),
  // oldest first; days without any verification are absent. Reads no key:
  // the caller checks the key's visibility.
  virtual absl::StatusOr<std::vector<KeyUsageDay>> Usage(const std::string& id,
                                                         UtcDay first,
                                                         UtcDay last) = 0;
  // The owner, the resource ("cloud" for Cloud keys) with its environment,
  // and how many keys the owner holds, in all and on that resource, read
  // together. NOT_FOUND for an unknown owner or resource.
  virtual absl::StatusOr<KeyCreationFacts> CreationFacts(
      const std::string& owner_id, const std::string& resource_id) = 0;
  // In one transaction: raises last_used_time to the given times (never
  // lowers it) and adds the counts to the stored ones, so that flushes of
  // several replicas add up. Keys deleted meanwhile are skipped. On error
  // nothing is written.
  virtual absl::Status RecordUses(const KeyUses& uses) = 0;
};

class InvitationRepository {
 public:
  virtual ~InvitationRepository() = default;
  // Stores `invitation` under `token_hash` (HMAC of its token), replacing
  // the account's outstanding (unredeemed) invitations. NOT_FOUND for an
  // unknown account; AccountHoldsKeys when the account holds a key.
  virtual absl::StatusOr<std::variant<Invitation, AccountHoldsKeys>> Create(
      const Invitation& invitation, const std::string& token_hash,
      const Mutation& mutation) = 0;
  // The invitation stored under `token_hash` if it can still be redeemed at
  // `now` (not redeemed, expire_time after now); nullopt otherwise, the same
  // for every reason.
  virtual absl::StatusOr<std::optional<Invitation>> FindRedeemable(
      const std::string& token_hash, Time now) = 0;
  // In one transaction: marks the invitation under `token_hash` redeemed at
  // mutation.now, provided it is still redeemable then and made out to
  // key.owner_id, and creates `key` as ApiKeyRepository::Create does.
  // InvitationNotRedeemable when it is no longer redeemable (redeemed
  // meanwhile, expired, its account deleted, a key created since);
  // KeyQuotaExceeded. Any refusal or error leaves the invitation unused.
  virtual absl::StatusOr<
      std::variant<ApiKey, InvitationNotRedeemable, KeyQuotaExceeded>>
  Redeem(const std::string& token_hash, const ApiKey& key,
         const std::string& secret_hash, const KeyQuotas& quotas,
         const Mutation& mutation) = 0;
};

class RoleBindingRepository {
 public:
  virtual ~RoleBindingRepository() = default;
  // Fills the scope's foreign key (environment or resource) from `scope`.
  // NOT_FOUND for an unknown principal or scope object; RoleAlreadyHeld
  // when the principal already holds the role at that scope.
  virtual absl::StatusOr<std::variant<RoleBinding, RoleAlreadyHeld>> Create(
      const RoleBinding& binding, const Mutation& mutation) = 0;
  virtual absl::StatusOr<RoleBinding> Get(const std::string& id,
                                          const ReadScope& reader) = 0;
  // nullopt filters match everything; `scope` matches exactly.
  virtual absl::StatusOr<Page<RoleBinding>> List(
      const std::optional<std::string>& principal_id,
      const std::optional<std::string>& scope, const PageRequest& page,
      const ReadScope& reader) = 0;
  // LastAdminBinding when it is the last binding of `admin`.
  virtual absl::StatusOr<std::variant<DeleteResult, LastAdminBinding>> Delete(
      const std::string& id, const AdminRole& admin,
      const Mutation& mutation) = 0;
  // Every binding the principal holds, ordered by (create_time, id); empty
  // for an account without bindings or an unknown id.
  virtual absl::StatusOr<std::vector<RoleBinding>> ListForPrincipal(
      const std::string& principal_id) = 0;
};

// A stored audit event. `id` is a decimal sequence number (newest highest).
struct AuditEvent {
  std::string id;
  Time create_time;  // when it was recorded
  AuditRecord record;
};

struct AuditFilter {
  std::optional<std::string> actor_id;
  std::optional<std::string> target_id;
  std::optional<std::string> subject_id;  // one of the event's subject_ids
  std::optional<std::string> action;
  std::optional<bool> allowed;
  std::optional<Time> start_time;  // inclusive
  std::optional<Time> end_time;    // exclusive
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Records an event in a transaction of its own (denials, unavailable
  // policy, validate_only calls: the outcomes that change nothing else).
  virtual absl::Status Append(const AuditRecord& record, Time time) = 0;
  // Newest first; the page cursor is the last event's id.
  virtual absl::StatusOr<Page<AuditEvent>> List(const AuditFilter& filter,
                                                const PageRequest& page,
                                                const ReadScope& reader) = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_REPOSITORIES_H_
