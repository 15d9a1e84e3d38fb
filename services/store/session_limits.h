// SessionLimits: the PostgreSQL timeouts keywardd sets on every connection it
// opens, so that no statement, lock wait or forgotten transaction holds a
// connection (and the rows it locked) for longer than configured. 0 turns a
// limit off, as in PostgreSQL.
//
// Thread-safety: values; WithSessionLimits is pure.
#ifndef KEYWARD_SERVICES_STORE_SESSION_LIMITS_H_
#define KEYWARD_SERVICES_STORE_SESSION_LIMITS_H_

#include <chrono>
#include <string>

namespace keyward::store {

struct SessionLimits {
  std::chrono::milliseconds statement_timeout{5000};
  std::chrono::milliseconds lock_timeout{2000};
  std::chrono::milliseconds idle_in_transaction_timeout{10000};
};

// `url` (a postgresql:// URL) with the limits passed as `-c` settings in its
// `options` parameter, ahead of whatever that parameter already holds: the
// server applies them in order, so a value the URL sets itself wins. SET
// ... / RESET in a session returns to these values.
std::string WithSessionLimits(const std::string& url,
                              const SessionLimits& limits);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_SESSION_LIMITS_H_
