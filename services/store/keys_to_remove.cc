#include "services/store/keys_to_remove.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/store/sql_time.h"
#include "services/store/statement.h"

namespace keyward::store {
namespace {

// A refusal names at most this many keys, then how many more there are.
constexpr size_t kKeysNamed = 10;

// $1 the subject, $2 the start of the active window in microseconds (NULL:
// no key counts as in use). The inner query locks the api_keys rows matching
// `keys_of_subject` in id order; the rows come back oldest first, each with
// whether the key was used within the window as read once its lock was
// granted.
std::string LockSql(const char* keys_of_subject) {
  return absl::StrCat(
      "SELECT id, COALESCE(last_used_time >= ", KEYWARD_SQL_TIME("$2"),
      ", false) AS in_use FROM (SELECT id, create_time, last_used_time FROM "
      "api_keys WHERE ",
      keys_of_subject,
      " ORDER BY id FOR UPDATE) AS k ORDER BY create_time, id");
}

const Statement kLockKeysOfAccount("api_keys.lock_of_account",
                                   LockSql("owner_id = $1"));
const Statement kLockKeysOfResource("api_keys.lock_of_resource",
                                    LockSql("resource_id = $1"));
const Statement kLockKeysOfEnvironment(
    "api_keys.lock_of_environment",
    LockSql("resource_id IN (SELECT id FROM resources WHERE environment_id = "
            "$1)"));

const Statement& LockStatement(KeysOf keys) {
  switch (keys) {
    case KeysOf::kAccount:
      return kLockKeysOfAccount;
    case KeysOf::kResource:
      return kLockKeysOfResource;
    case KeysOf::kEnvironment:
      return kLockKeysOfEnvironment;
  }
  return kLockKeysOfAccount;  // unreachable: the switch names every KeysOf
}

const char* SubjectNoun(KeysOf keys) {
  switch (keys) {
    case KeysOf::kAccount:
      return "account";
    case KeysOf::kResource:
      return "resource";
    case KeysOf::kEnvironment:
      return "environment";
  }
  return "";
}

// "15m", "90s", "2h": the largest unit that divides the window evenly.
std::string FormatWindow(std::chrono::microseconds window) {
  using std::chrono::duration_cast;
  const auto seconds = duration_cast<std::chrono::seconds>(window);
  if (seconds != window) {
    return absl::StrCat(
        duration_cast<std::chrono::milliseconds>(window).count(), "ms");
  }
  if (seconds.count() > 0 && seconds.count() % 3600 == 0) {
    return absl::StrCat(seconds.count() / 3600, "h");
  }
  if (seconds.count() > 0 && seconds.count() % 60 == 0) {
    return absl::StrCat(seconds.count() / 60, "m");
  }
  return absl::StrCat(seconds.count(), "s");
}

absl::Status KeysInUseError(KeysOf keys, const std::string& subject_id,
                            const std::vector<std::string>& in_use,
                            const domain::KeysInUseCheck& check,
                            domain::Time now) {
  std::string named = absl::StrJoin(
      in_use.begin(),
      in_use.begin() +
          static_cast<std::ptrdiff_t>(std::min(in_use.size(), kKeysNamed)),
      ", ");
  if (in_use.size() > kKeysNamed) {
    absl::StrAppend(&named, " and ", in_use.size() - kKeysNamed, " more");
  }
  return absl::FailedPreconditionError(absl::StrCat(
      SubjectNoun(keys), " ", subject_id, " has keys used in the last ",
      FormatWindow(now - *check.used_since), ": ", named, "; pass ",
      check.override_field, " to delete anyway"));
}

}  // namespace

absl::StatusOr<std::vector<std::string>> LockKeysToRemove(
    pqxx::work& txn, KeysOf keys, const std::string& subject_id,
    const domain::KeysInUseCheck& check, domain::Time now) {
  std::optional<int64_t> used_since;
  if (check.used_since) used_since = ToMicros(*check.used_since);
  const pqxx::result rows =
      ExecPrepared(txn, LockStatement(keys), subject_id, used_since);
  std::vector<std::string> all;
  std::vector<std::string> in_use;
  const pqxx::row_size_type id = rows.column_number("id");
  const pqxx::row_size_type used = rows.column_number("in_use");
  for (const pqxx::row& row : rows) {
    all.push_back(row[id].as<std::string>());
    if (row[used].as<bool>()) in_use.push_back(all.back());
  }
  if (!in_use.empty()) {
    return KeysInUseError(keys, subject_id, in_use, check, now);
  }
  return all;
}

}  // namespace keyward::store
