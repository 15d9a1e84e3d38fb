// The one duration grammar of keywardd's flags and the CLI's options: one or
// more <digits><unit> groups, unit ms, s, m, h or d, added up — "500ms",
// "30s", "15m", "1h30m", "90d". A bare number is refused: "90" could mean
// seconds or days, and the wrong guess on a key's lifetime is costly.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_COMMON_DURATION_H_
#define KEYWARD_SERVICES_COMMON_DURATION_H_

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace keyward {

// INVALID_ARGUMENT quoting `text` when it is not a duration or does not fit
// in 64-bit milliseconds (about 292 million years).
absl::StatusOr<std::chrono::milliseconds> ParseDuration(std::string_view text);

// `duration` (not negative) in the same grammar, largest units first:
// "1h30m", "1s500ms", "0". ParseDuration reads it back unchanged.
std::string FormatDuration(std::chrono::milliseconds duration);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_DURATION_H_
