// FailedAuthLimiter: brute-force hygiene for caller authentication. Failed
// attempts are counted per key id and per peer address within a window;
// past the threshold that key id or peer is turned away for a cooling-off
// period, whatever it presents. Memory stays bounded: expired entries are
// dropped, and past a cap the oldest counters go first.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_AUTH_LIMITER_H_
#define KEYWARD_SERVICES_DOMAIN_AUTH_LIMITER_H_

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "services/domain/clock.h"

namespace keyward::domain {

struct AuthLimits {
  int max_failures = 10;  // within `window`, per key id and per peer
  std::chrono::microseconds window = std::chrono::minutes(1);
  std::chrono::microseconds cooldown = std::chrono::minutes(5);
};

class FailedAuthLimiter {
 public:
  FailedAuthLimiter(const Clock& clock, AuthLimits limits,
                    size_t max_entries = 100000);

  // True while the key id (if any) or the peer is cooling off.
  bool Blocked(const std::string& key_id, const std::string& peer);

  // Counts a failure; true when it tipped the key id or peer into
  // cooling-off just now.
  bool RecordFailure(const std::string& key_id, const std::string& peer);

 private:
  struct Counter {
    int failures = 0;
    Time window_start;
    Time blocked_until;
  };

  bool BlockedLocked(const std::string& subject, Time now);
  bool CountLocked(const std::string& subject, Time now);
  void PruneLocked(Time now);

  const Clock& clock_;
  const AuthLimits limits_;
  const size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Counter> counters_;  // "key:…" / "peer:…"
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_AUTH_LIMITER_H_
