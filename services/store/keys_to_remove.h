// The API keys a delete removes together with what owns or holds them, and
// the keys-in-use check every such cascade applies (domain/keys_in_use.h),
// in one place for accounts, resources and environments.
//
// Thread-safety: runs in the caller's transaction.
#ifndef KEYWARD_SERVICES_STORE_KEYS_TO_REMOVE_H_
#define KEYWARD_SERVICES_STORE_KEYS_TO_REMOVE_H_

#include <pqxx/pqxx>
#include <string>
#include <variant>
#include <vector>

#include "services/domain/keys_in_use.h"
#include "services/domain/types.h"

namespace keyward::store {

// Locks the keys of `holder_id` in id order (as the last-used flush does,
// so the two cannot deadlock) and returns their ids oldest first, or the
// KeysInUse refusal when `check` finds keys used at or after its used_since
// that are not disabled (the caller then rolls back). The caller holds a lock
// on the holder, so no key can be added meanwhile.
std::variant<std::vector<std::string>, domain::KeysInUse> LockKeysToRemove(
    pqxx::work& txn, domain::KeyHolder holder, const std::string& holder_id,
    const domain::KeysInUseCheck& check);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_KEYS_TO_REMOVE_H_
