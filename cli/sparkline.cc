#include "cli/sparkline.h"

#include <algorithm>

namespace keyward::cli {

std::string Sparkline(const std::vector<int64_t>& values) {
  static constexpr const char* kBlocks[] = {"▁", "▂", "▃", "▄",
                                            "▅", "▆", "▇", "█"};
  constexpr int64_t kLevels = 7;  // above the zero block
  int64_t max = 0;
  for (int64_t value : values) max = std::max(max, value);
  std::string line;
  for (int64_t value : values) {
    if (value <= 0) {
      line += kBlocks[0];
      continue;
    }
    // 1..kLevels, rounding up so that the smallest use is still visible;
    // in long double, as value × kLevels could overflow int64.
    const long double scaled = static_cast<long double>(value) * kLevels /
                               static_cast<long double>(max);
    int64_t level = static_cast<int64_t>(scaled);
    if (static_cast<long double>(level) < scaled) ++level;
    line += kBlocks[std::clamp<int64_t>(level, 1, kLevels)];
  }
  return line;
}

}  // namespace keyward::cli
