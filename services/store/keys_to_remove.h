// The API keys a delete removes together with what owns or holds them, and
// the keys-in-use rule every such cascade applies (domain/keys_in_use.h),
// in one place for accounts, resources and environments.
//
// Thread-safety: runs in the caller's transaction.
#ifndef KEYWARD_SERVICES_STORE_KEYS_TO_REMOVE_H_
#define KEYWARD_SERVICES_STORE_KEYS_TO_REMOVE_H_

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/keys_in_use.h"
#include "services/domain/types.h"

namespace keyward::store {

// Whose keys a delete removes.
enum class KeysOf {
  kAccount,      // the keys the account owns
  kResource,     // the keys for the resource
  kEnvironment,  // the keys for any of the environment's resources
};

// Locks the keys of `subject_id` in id order (as the last-used flush does,
// so the two cannot deadlock) and returns their ids oldest first. When
// `check` finds keys used at or after its used_since, returns
// FAILED_PRECONDITION naming the first of them (and how many more) and the
// override; the caller then rolls back. The caller holds a lock on the
// subject, so no key can be added meanwhile.
absl::StatusOr<std::vector<std::string>> LockKeysToRemove(
    pqxx::work& txn, KeysOf keys, const std::string& subject_id,
    const domain::KeysInUseCheck& check, domain::Time now);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_KEYS_TO_REMOVE_H_
