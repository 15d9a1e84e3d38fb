#include "services/domain/time_text.h"

#include <cstdio>
#include <ctime>

namespace keyward::domain {

std::string FormatTime(Time time) {
  const int64_t micros = time.time_since_epoch().count();
  std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    --seconds;
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  const size_t length = std::strftime(buffer, sizeof(buffer), "%FT%T", &utc);
  char result[80];
  std::snprintf(result, sizeof(result), "%.*s.%06lldZ",
                static_cast<int>(length), buffer,
                static_cast<long long>(fraction));
  return result;
}

nlohmann::json OptionalTimeJson(const std::optional<Time>& time) {
  return time ? nlohmann::json(FormatTime(*time)) : nlohmann::json();
}

}  // namespace keyward::domain
