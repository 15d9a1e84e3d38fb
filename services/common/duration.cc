#include "services/common/duration.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace keyward {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Milliseconds per unit at the start of `rest`, and the unit's length; 0 for
// no unit.
int64_t TakeUnit(std::string_view rest, size_t& length) {
  if (rest.substr(0, 2) == "ms") {
    length = 2;
    return 1;
  }
  length = 1;
  switch (rest.empty() ? '\0' : rest.front()) {
    case 's':
      return 1000;
    case 'm':
      return 60 * 1000;
    case 'h':
      return 60 * 60 * 1000;
    case 'd':
      return 24 * 60 * 60 * 1000;
    default:
      return 0;
  }
}

}  // namespace

absl::StatusOr<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  const auto not_a_duration = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text),
                     "' is not a duration (e.g. 500ms, 30s, 15m, 1h30m, 90d)"));
  };
  const auto too_long = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text), "' is too long a duration"));
  };
  if (text.empty()) return not_a_duration();
  if (text == "0") return std::chrono::milliseconds(0);  // zero needs no unit
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) return not_a_duration();
    int64_t number = 0;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      if (__builtin_mul_overflow(number, 10, &number) ||
          __builtin_add_overflow(number, text[i] - '0', &number)) {
        return too_long();
      }
    }
    size_t unit_length = 0;
    const int64_t millis_per_unit = TakeUnit(text.substr(i), unit_length);
    if (millis_per_unit == 0) return not_a_duration();
    i += unit_length;
    int64_t millis = 0;
    if (__builtin_mul_overflow(number, millis_per_unit, &millis) ||
        __builtin_add_overflow(total, millis, &total)) {
      return too_long();
    }
  }
  return std::chrono::milliseconds(total);
}

std::string FormatDuration(std::chrono::milliseconds duration) {
  static constexpr std::pair<int64_t, const char*> kUnits[] = {
      {24 * 60 * 60 * 1000, "d"},
      {60 * 60 * 1000, "h"},
      {60 * 1000, "m"},
      {1000, "s"},
      {1, "ms"}};
  int64_t rest = duration.count();
  if (rest <= 0) return "0";
  std::string text;
  for (const auto& [millis, unit] : kUnits) {
    if (rest >= millis) {
      absl::StrAppend(&text, rest / millis, unit);
      rest %= millis;
    }
  }
  return text;
}

}  // namespace keyward
