#include "services/domain/key_rotation.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/domain/validation.h"

namespace keyward::domain {

absl::Status RefusalError(const KeyNotRotatable& refusal) {
  if (!refusal.successor_id.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "API key ", refusal.id, " was rotated already: its successor is ",
        refusal.successor_id,
        " (rotate that one, or delete it to rotate this key again)"));
  }
  if (refusal.state == ApiKeyState::kDisabled) {
    return absl::FailedPreconditionError(absl::StrCat(
        "API key ", refusal.id, " is disabled: enable it before rotating it"));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "API key ", refusal.id,
      " has expired: there is nothing to hand over; create a new key"));
}

ApiKey SuccessorOf(const ApiKey& old, Time now, const std::string& created_by) {
  ApiKey key;
  key.owner_id = old.owner_id;
  key.owner_type = old.owner_type;
  key.resource_id = old.resource_id;
  key.resource_kind = old.resource_kind;
  key.display_name = old.display_name;
  key.description = old.description;
  key.created_by = created_by;
  key.rotated_from = old.id;
  key.create_time = now;
  key.update_time = now;
  if (old.expire_time)
    key.expire_time = now + (*old.expire_time - old.create_time);
  return key;
}

Time RetiringExpireTime(const ApiKey& old, Time now,
                        std::chrono::microseconds grace) {
  Time end =
      std::max(now + grace, old.create_time + std::chrono::microseconds(1));
  if (old.expire_time) end = std::min(end, *old.expire_time);
  return end;
}

absl::Status CheckGracePeriod(std::chrono::microseconds grace) {
  if (grace.count() < 0) {
    return InvalidField("grace_period",
                        "must not be negative (0 ends the old key at once)");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::chrono::microseconds> EffectiveGrace(
    const std::optional<std::chrono::microseconds>& requested,
    const nlohmann::json& policy_defaults) {
  if (requested) return *requested;
  if (!policy_defaults.is_object() ||
      !policy_defaults.contains(kRotationGraceSetting)) {
    return std::chrono::duration_cast<std::chrono::microseconds>(
        kDefaultRotationGrace);
  }
  const nlohmann::json& seconds = policy_defaults[kRotationGraceSetting];
  // Ten years bounds the arithmetic; no sane default comes near it.
  constexpr double kMaxSeconds = 10.0 * 366 * 24 * 3600;
  if (!seconds.is_number() || !(seconds.get<double>() >= 0) ||
      seconds.get<double>() > kMaxSeconds) {
    const std::string problem = absl::StrCat(
        "the policy's defaults.", kRotationGraceSetting, " is ", seconds.dump(),
        ", not a number of seconds from 0 to ten years "
        "(keyward_config.rotation_grace_hours in the policy data)");
    LogWarning(problem);
    return absl::FailedPreconditionError(
        absl::StrCat(problem, "; no key was rotated"));
  }
  return std::chrono::microseconds(std::llround(seconds.get<double>() * 1e6));
}

nlohmann::json GraceJson(
    const std::optional<std::chrono::microseconds>& requested) {
  if (!requested) return nullptr;
  if (requested->count() % 1000000 == 0) return requested->count() / 1000000;
  return static_cast<double>(requested->count()) / 1e6;
}

}  // namespace keyward::domain
