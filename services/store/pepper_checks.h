// Pepper checks: the check value of each pepper this database's secrets were
// hashed under (see crypto::SecretHasher::PepperCheck), in pepper_checks.
// keywardd records its pepper's check at first start and compares it on
// every later one.
//
// Thread-safety: safe to call concurrently, from several processes too: of
// concurrent first records of one pepper id, one wins and every caller reads
// the winner's value back.
#ifndef KEYWARD_SERVICES_STORE_PEPPER_CHECKS_H_
#define KEYWARD_SERVICES_STORE_PEPPER_CHECKS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/store/database.h"

namespace keyward::store {

// Records `check_value` for `pepper_id` unless one is recorded already, and
// returns the value recorded (the given one on first start, the earlier one
// after that: the caller compares). UNAVAILABLE when the database is.
absl::StatusOr<std::string> RecordPepperCheck(Database& database, int pepper_id,
                                              std::string_view check_value);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_PEPPER_CHECKS_H_
