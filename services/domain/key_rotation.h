// The rules of RotateApiKey that are not the manager's plumbing: what a
// successor inherits from the key it replaces, how long the old key keeps
// working (the grace period, defaulted by the policy), and the refusal for a
// key that cannot be rotated.
//
// A successor copies the old key's owner, resource, display_name and
// description, and its lifetime: a key that never expires rotates into one
// that never expires, a 90-day key into a 90-day key (expire_time = now +
// old.expire_time - old.create_time). The old key's expire_time becomes the
// earlier of its own and now + grace, but always after its create_time (the
// schema's api_keys_expire_after_create), so a grace of zero ends it at once
// even for a key created in the same microsecond.
//
// Thread-safety: plain values and stateless functions.
#ifndef KEYWARD_SERVICES_DOMAIN_KEY_ROTATION_H_
#define KEYWARD_SERVICES_DOMAIN_KEY_ROTATION_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/domain/types.h"

namespace keyward::domain {

// The grace period when neither the request nor the policy's decision names
// one (a policy without `defaults.rotation_grace_seconds`).
inline constexpr std::chrono::hours kDefaultRotationGrace{24};
// The decision's defaults entry for api_key.rotate: the effective grace
// period in seconds (the request's, else the stage's default).
inline constexpr char kRotationGraceSetting[] = "rotation_grace_seconds";

// A rotation as stored: the successor, and the old key as it is after it.
struct RotatedApiKey {
  ApiKey key;
  ApiKey previous;
};

// The old key is no longer ACTIVE (kExpired or kDisabled): there is nothing
// to hand over from; or it was rotated already (successor_id set): a second
// successor would orphan the first one's secret, shown once.
struct KeyNotRotatable {
  std::string id;
  ApiKeyState state = ApiKeyState::kExpired;
  std::string successor_id;
};

// FAILED_PRECONDITION naming what to do instead.
absl::Status RefusalError(const KeyNotRotatable& refusal);

// The successor of `old` issued at `now` by `created_by`, without id.
ApiKey SuccessorOf(const ApiKey& old, Time now, const std::string& created_by);

// The old key's expire_time after a rotation at `now` with `grace`.
Time RetiringExpireTime(const ApiKey& old, Time now,
                        std::chrono::microseconds grace);

// INVALID_ARGUMENT naming grace_period when it is negative.
absl::Status CheckGracePeriod(std::chrono::microseconds grace);

// The grace period a rotation applies: the request's when it set one, else
// the allowing decision's defaults (kRotationGraceSetting), else
// kDefaultRotationGrace. FAILED_PRECONDITION (and nothing rotated) when the
// policy's value is not a non-negative number of seconds.
absl::StatusOr<std::chrono::microseconds> EffectiveGrace(
    const std::optional<std::chrono::microseconds>& requested,
    const nlohmann::json& policy_defaults);

// The grace period as the policy input's request summary gives it: seconds
// (a fraction only when it has one), or null when the request left it unset.
nlohmann::json GraceJson(
    const std::optional<std::chrono::microseconds>& requested);

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_KEY_ROTATION_H_
