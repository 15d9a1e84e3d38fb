// A sparkline: one block character per value, ▁ for zero and ▂ to █ for
// the rest, scaled to the largest value, so that any use at all stands out
// from none. `keyward api-key usage` draws the valid verifications per day
// with it on a terminal.
//
// Thread-safety: stateless.
#ifndef KEYWARD_CLI_SPARKLINE_H_
#define KEYWARD_CLI_SPARKLINE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace keyward::cli {

// UTF-8, one character per value (negative values count as zero); empty
// for no values.
std::string Sparkline(const std::vector<int64_t>& values);

}  // namespace keyward::cli

#endif  // KEYWARD_CLI_SPARKLINE_H_
