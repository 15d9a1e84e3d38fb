#include "services/domain/keys_in_use.h"

#include "services/common/status_macros.h"

namespace keyward::domain {

KeysInUseGuard::KeysInUseGuard(LastUsedRecorder& last_used,
                               std::chrono::microseconds active_window)
    : last_used_(last_used), active_window_(active_window) {}

absl::StatusOr<KeysInUseCheck> KeysInUseGuard::CheckAt(
    Time now, bool overridden, const std::string& override_field) {
  KeysInUseCheck check;
  check.override_field = override_field;
  if (overridden) return check;
  KEYWARD_RETURN_IF_ERROR(last_used_.Flush());
  check.used_since = now - active_window_;
  return check;
}

}  // namespace keyward::domain
