#include "cli/duration.h"

#include <cstdint>
#include <limits>

namespace keyward::cli {
namespace {

int64_t UnitSeconds(char unit) {
  switch (unit) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 60 * 60;
    case 'd':
      return 24 * 60 * 60;
    default:
      return 0;
  }
}

}  // namespace

bool ParseDuration(const std::string& text, std::chrono::seconds* out,
                   std::string* error) {
  const std::string expected =
      "'" + text + "' is not a duration (expected e.g. 30s, 15m, 1h, 90d)";
  if (text.empty()) {
    *error = expected;
    return false;
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      *error = expected;
      return false;
    }
    int64_t number = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      const int digit = text[i] - '0';
      if (number > (kMax - digit) / 10) {
        *error = "'" + text + "' is too long a duration";
        return false;
      }
      number = number * 10 + digit;
      ++i;
    }
    const int64_t unit = i < text.size() ? UnitSeconds(text[i]) : 0;
    if (unit == 0) {
      *error = expected;
      return false;
    }
    ++i;
    if (number > kMax / unit || total > kMax - number * unit) {
      *error = "'" + text + "' is too long a duration";
      return false;
    }
    total += number * unit;
  }
  *out = std::chrono::seconds(total);
  return true;
}

}  // namespace keyward::cli
