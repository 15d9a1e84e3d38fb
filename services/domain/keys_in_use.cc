#include "services/domain/keys_in_use.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/duration.h"
#include "services/common/status_macros.h"

namespace keyward::domain {
namespace {

// A refusal names at most this many keys, then how many more there are.
constexpr size_t kKeysNamed = 10;

const char* HolderNoun(KeyHolder holder) {
  switch (holder) {
    case KeyHolder::kAccount:
      return "account";
    case KeyHolder::kResource:
      return "resource";
    case KeyHolder::kEnvironment:
      return "environment";
  }
  return "";
}

}  // namespace

absl::Status RefusalError(const KeysInUse& refusal) {
  const std::vector<std::string>& keys = refusal.key_ids;
  std::string named = absl::StrJoin(
      keys.begin(),
      keys.begin() +
          static_cast<std::ptrdiff_t>(std::min(keys.size(), kKeysNamed)),
      ", ");
  if (keys.size() > kKeysNamed) {
    absl::StrAppend(&named, " and ", keys.size() - kKeysNamed, " more");
  }
  return absl::FailedPreconditionError(absl::StrCat(
      HolderNoun(refusal.holder), " ", refusal.holder_id,
      " has keys used in the last ",
      FormatDuration(std::chrono::duration_cast<std::chrono::milliseconds>(
          refusal.check.active_window)),
      ": ", named, "; pass ", refusal.check.override_field,
      " to delete anyway"));
}

KeysInUseGuard::KeysInUseGuard(KeyUseRecorder& last_used,
                               std::chrono::microseconds active_window)
    : last_used_(last_used), active_window_(active_window) {}

absl::StatusOr<KeysInUseCheck> KeysInUseGuard::CheckAt(
    Time now, bool overridden, const std::string& override_field) {
  KeysInUseCheck check;
  check.active_window = active_window_;
  check.override_field = override_field;
  if (overridden) return check;
  KEYWARD_RETURN_IF_ERROR(last_used_.Flush());
  check.used_since = now - active_window_;
  return check;
}

}  // namespace keyward::domain
