#include "services/store/keys_to_remove.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

// $1 the holder, $2 the start of the active window in microseconds (NULL:
// no key counts as in use). The inner query locks the api_keys rows matching
// `keys_of_holder` in id order; the rows come back oldest first, each with
// whether the key was used within the window as read once its lock was
// granted. A disabled key is never in use: its clients fail already.
std::string LockSql(const char* keys_of_holder) {
  return absl::StrCat(
      "SELECT id, disable_time IS NULL AND COALESCE(last_used_time >= ",
      KEYWARD_SQL_TIME("$2"),
      ", false) AS in_use FROM (SELECT id, create_time, last_used_time, "
      "disable_time FROM api_keys WHERE ",
      keys_of_holder, " ORDER BY id FOR UPDATE) AS k ORDER BY create_time, id");
}

const Statement kLockKeysOfAccount("api_keys.lock_of_account",
                                   LockSql("owner_id = $1"));
const Statement kLockKeysOfResource("api_keys.lock_of_resource",
                                    LockSql("resource_id = $1"));
const Statement kLockKeysOfEnvironment(
    "api_keys.lock_of_environment",
    LockSql("resource_id IN (SELECT id FROM resources WHERE environment_id = "
            "$1)"));

const Statement& LockStatement(domain::KeyHolder holder) {
  switch (holder) {
    case domain::KeyHolder::kAccount:
      return kLockKeysOfAccount;
    case domain::KeyHolder::kResource:
      return kLockKeysOfResource;
    case domain::KeyHolder::kEnvironment:
      return kLockKeysOfEnvironment;
  }
  return kLockKeysOfAccount;  // unreachable: the switch names every holder
}

}  // namespace

std::variant<std::vector<std::string>, domain::KeysInUse> LockKeysToRemove(
    pqxx::work& txn, domain::KeyHolder holder, const std::string& holder_id,
    const domain::KeysInUseCheck& check) {
  std::optional<int64_t> used_since;
  if (check.used_since) used_since = ToMicros(*check.used_since);
  const pqxx::result rows =
      ExecPrepared(txn, LockStatement(holder), holder_id, used_since);
  std::vector<std::string> all;
  std::vector<std::string> in_use;
  const pqxx::row_size_type id = rows.column_number("id");
  const pqxx::row_size_type used = rows.column_number("in_use");
  for (const pqxx::row& row : rows) {
    all.push_back(row[id].as<std::string>());
    if (row[used].as<bool>()) in_use.push_back(all.back());
  }
  if (!in_use.empty()) {
    return domain::KeysInUse{holder, holder_id, std::move(in_use), check};
  }
  return all;
}

}  // namespace keyward::store
