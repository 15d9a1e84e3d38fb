#include "services/store/sql_time.h"

#include <chrono>

namespace keyward::store {

int64_t ToMicros(domain::Time time) { return time.time_since_epoch().count(); }

std::optional<int64_t> OptionalMicros(const std::optional<domain::Time>& time) {
  if (!time) return std::nullopt;
  return ToMicros(*time);
}

domain::Time TimeFromField(const pqxx::field& field) {
  return domain::Time(std::chrono::microseconds(field.as<int64_t>()));
}

std::optional<domain::Time> OptionalTimeFromField(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeFromField(field);
}

}  // namespace keyward::store
