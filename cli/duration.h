// Parses the durations `keyward` accepts on the command line (`--expires-in
// 90d`, `--since 1h`): one or more <digits><unit> groups, unit s, m, h or d,
// e.g. "45s", "15m", "1h30m", "90d".
//
// Thread-safety: stateless.
#ifndef KEYWARD_CLI_DURATION_H_
#define KEYWARD_CLI_DURATION_H_

#include <chrono>
#include <string>

namespace keyward::cli {

// Returns false with a one-line `error` when `text` is empty, has a number
// without a unit, an unknown unit, or does not fit in 64-bit seconds.
bool ParseDuration(const std::string& text, std::chrono::seconds* out,
                   std::string* error);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_DURATION_H_
