// FailedAuthLimiter: brute-force hygiene for caller authentication that
// cannot be turned on the victim. It counts only failures, per client
// address and per (key id, address) — never per key id alone, so whoever
// knows a key id cannot lock its owner out from another address — and it is
// asked only about attempts that already failed: the Authenticator verifies
// first, and a correct secret is accepted whatever the counts say.
//
// A subject (an address, or a key id at an address) with `max_failures`
// failures within `window` cools off for `cooldown`: its further failures
// are refused (RESOURCE_EXHAUSTED instead of UNAUTHENTICATED; both mean
// "wrong"). Failures while cooling off do not prolong it or count again, so
// each lockout is reported once. A success forgets the failures of its (key
// id, address), not those of the address.
//
// Memory is bounded by `max_entries` counters whatever the addresses: when
// full, idle counters go first, then counts below the threshold (oldest
// window first), and only then subjects cooling off (soonest to end first).
// Each clean-up frees an eighth of the table, so its cost is spread over the
// insertions that follow.
//
// Key ids given to it must be well-formed ids or fixed placeholders
// ("malformed"), never raw input: they become map keys and may be reported.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_AUTH_LIMITER_H_
#define KEYWARD_SERVICES_DOMAIN_AUTH_LIMITER_H_

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "services/domain/clock.h"

namespace keyward::domain {

struct AuthLimits {
  int max_failures = 10;  // within `window`, per address and per key+address
  std::chrono::microseconds window = std::chrono::minutes(1);
  std::chrono::microseconds cooldown = std::chrono::minutes(5);
};

// What one failed attempt amounts to.
struct FailureVerdict {
  // The address, or the key id at that address, was already cooling off:
  // answer RESOURCE_EXHAUSTED.
  bool refused = false;
  // This failure started the address's cooling off.
  bool address_tipped = false;
  // This failure started the cooling off of the key id at the address.
  bool key_tipped = false;

  bool tipped() const { return address_tipped || key_tipped; }
};

class FailedAuthLimiter {
 public:
  // `max_entries` is at least 2 (one failure touches two counters).
  FailedAuthLimiter(const Clock& clock, AuthLimits limits,
                    size_t max_entries = 100000);

  // Counts a failed authentication of `key_id` from `address`.
  FailureVerdict RecordFailure(const std::string& key_id,
                               const std::string& address);

  // A correct secret for `key_id` from `address`: forgets that pair's
  // failures (and any cooling off of the pair).
  void RecordSuccess(const std::string& key_id, const std::string& address);

  // Counters held (for tests and metrics).
  size_t size() const;

 private:
  struct Counter {
    int failures = 0;
    Time window_start;
    Time blocked_until;  // Time() when never blocked
  };
  struct Outcome {
    bool was_blocked = false;
    bool tipped = false;
  };

  Outcome CountLocked(const std::string& subject, Time now);
  // Evicts until `needed` new counters fit, never `keep_a` or `keep_b`.
  void MakeRoomLocked(Time now, size_t needed, const std::string& keep_a,
                      const std::string& keep_b);

  const Clock& clock_;
  const AuthLimits limits_;
  const size_t max_entries_;
  mutable std::mutex mutex_;
  // "a|<address>" and "k|<key id>|<address>".
  std::unordered_map<std::string, Counter> counters_;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUTH_LIMITER_H_
