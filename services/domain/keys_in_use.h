// The rule every cascade shares (DESIGN.md §1 "Every cascade checks for keys
// in use"): a delete that would remove an enabled API key used within the
// active window is FAILED_PRECONDITION unless its request overrides the
// check (`force` for accounts and resources, `ignore_active_keys` for
// environments); a disabled key is not in use, its clients fail already.
// KeysInUseGuard builds the check a manager hands to its repository; the
// repository applies it inside the delete's transaction, with the keys locked,
// so no use can slip in between check and delete, and returns a KeysInUse
// refusal, which RefusalError below words (see refusals.h).
//
// Thread-safety: safe to call concurrently if the recorder is.
#ifndef KEYWARD_SERVICES_DOMAIN_KEYS_IN_USE_H_
#define KEYWARD_SERVICES_DOMAIN_KEYS_IN_USE_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/domain/key_use.h"
#include "services/domain/types.h"

namespace keyward::domain {

// What a repository checks before it removes keys.
struct KeysInUseCheck {
  // Keys used at or after this time block the delete; nullopt when the
  // request overrode the check.
  std::optional<Time> used_since;
  // How far back a use counts, named in the refusal.
  std::chrono::microseconds active_window{0};
  // The request field that overrides the check, named in the refusal.
  std::string override_field;
};

// Whose keys a delete removes.
enum class KeyHolder {
  kAccount,      // the keys the account owns
  kResource,     // the keys for the resource
  kEnvironment,  // the keys for any of the environment's resources
};

// Why a delete wrote nothing: `holder_id` has keys used within the check's
// active window (`key_ids`, oldest first).
struct KeysInUse {
  KeyHolder holder = KeyHolder::kAccount;
  std::string holder_id;
  std::vector<std::string> key_ids;
  KeysInUseCheck check;
};

// FAILED_PRECONDITION naming the holder, the window, the first keys (and how
// many more) and the override.
absl::Status RefusalError(const KeysInUse& refusal);

class KeysInUseGuard {
 public:
  // `active_window`: how far back a use blocks a delete.
  KeysInUseGuard(KeyUseRecorder& last_used,
                 std::chrono::microseconds active_window);

  // The check for a delete decided at `now`. Unless `overridden`, first
  // writes the usage still held in memory, or a key in active use could be
  // deleted because its last_used_time has not reached the database yet:
  // call it right before the repository's delete.
  absl::StatusOr<KeysInUseCheck> CheckAt(Time now, bool overridden,
                                         const std::string& override_field);

 private:
  KeyUseRecorder& last_used_;
  const std::chrono::microseconds active_window_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_KEYS_IN_USE_H_
