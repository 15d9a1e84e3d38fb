// Times between the domain (microseconds since the epoch) and PostgreSQL
// (timestamptz): SQL that converts on the server, and the C++ side of the
// same conversion for parameters and fields.
//
// Thread-safety: stateless.
#ifndef KEYWARD_SERVICES_STORE_SQL_TIME_H_
#define KEYWARD_SERVICES_STORE_SQL_TIME_H_

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>

#include "services/domain/types.h"

namespace keyward::store {

// SQL that reads a timestamptz column as microseconds since the epoch.
#define KEYWARD_SQL_MICROS(column) \
  "(extract(epoch from " column ") * 1000000)::bigint"
// SQL that turns a bigint parameter of microseconds into a timestamptz.
// Whole seconds and the microsecond remainder are added separately: one
// bigint * interval product goes through floating point and loses
// microseconds for dates far in the future.
#define KEYWARD_SQL_TIME(parameter)      \
  "('epoch'::timestamptz + ((" parameter \
  ")::bigint / 1000000) * "              \
  "interval '1 second' + ((" parameter   \
  ")::bigint % 1000000) * "              \
  "interval '1 microsecond')"

int64_t ToMicros(domain::Time time);
// A nullable bigint parameter for an optional time.
std::optional<int64_t> OptionalMicros(const std::optional<domain::Time>& time);

// A field read with KEYWARD_SQL_MICROS.
domain::Time TimeFromField(const pqxx::field& field);
std::optional<domain::Time> OptionalTimeFromField(const pqxx::field& field);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_SQL_TIME_H_
