#include "services/domain/key_use.h"

#include <cstdio>

namespace keyward::domain {
namespace {

UsageCounts& CountsOn(std::vector<KeyUsageDay>& days, UtcDay day) {
  // Searched from the newest: uses arrive in about time order.
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    if (it->day == day) return it->counts;
  }
  days.push_back(KeyUsageDay{day, {}});
  return days.back().counts;
}

}  // namespace

UtcDay UtcDayOf(Time time) {
  return std::chrono::floor<std::chrono::duration<int64_t, std::ratio<86400>>>(
             time.time_since_epoch())
      .count();
}

std::string FormatUtcDay(UtcDay day) {
  // Howard Hinnant's civil_from_days.
  const int64_t z = day + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char text[48];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d", static_cast<int>(y),
                static_cast<int>(m), static_cast<int>(d));
  return text;
}

void UsageCounts::Add(VerifyReason reason) {
  switch (reason) {
    case VerifyReason::kValid:
      ++valid;
      return;
    case VerifyReason::kInvalidCredentials:
      ++invalid_credentials;
      return;
    case VerifyReason::kExpired:
      ++expired;
      return;
    case VerifyReason::kWrongResource:
      ++wrong_resource;
      return;
    case VerifyReason::kDisabled:
      ++disabled;
      return;
    case VerifyReason::kMalformed:
      return;
  }
}

UsageCounts& UsageCounts::operator+=(const UsageCounts& other) {
  valid += other.valid;
  invalid_credentials += other.invalid_credentials;
  expired += other.expired;
  wrong_resource += other.wrong_resource;
  disabled += other.disabled;
  return *this;
}

bool UsageCounts::operator==(const UsageCounts& other) const {
  return valid == other.valid &&
         invalid_credentials == other.invalid_credentials &&
         expired == other.expired && wrong_resource == other.wrong_resource &&
         disabled == other.disabled;
}

bool KeyUsageDay::operator==(const KeyUsageDay& other) const {
  return day == other.day && counts == other.counts;
}

void KeyUseTally::Add(VerifyReason reason, Time when) {
  CountsOn(days, UtcDayOf(when)).Add(reason);
  if (reason == VerifyReason::kValid && (!last_used || *last_used < when)) {
    last_used = when;
  }
}

void KeyUseTally::Merge(const KeyUseTally& other) {
  if (other.last_used && (!last_used || *last_used < *other.last_used)) {
    last_used = other.last_used;
  }
  for (const KeyUsageDay& added : other.days) {
    CountsOn(days, added.day) += added.counts;
  }
}

void KeyUses::Merge(const KeyUses& other) {
  for (const auto& [key_id, tally] : other.keys) keys[key_id].Merge(tally);
}

}  // namespace keyward::domain
