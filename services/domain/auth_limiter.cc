#include "services/domain/auth_limiter.h"

namespace keyward::domain {

FailedAuthLimiter::FailedAuthLimiter(const Clock& clock, AuthLimits limits,
                                     size_t max_entries)
    : clock_(clock), limits_(limits), max_entries_(max_entries) {}

bool FailedAuthLimiter::Blocked(const std::string& key_id,
                                const std::string& peer) {
  const Time now = clock_.Now();
  std::lock_guard<std::mutex> lock(mutex_);
  return (!key_id.empty() && BlockedLocked("key:" + key_id, now)) ||
         BlockedLocked("peer:" + peer, now);
}

bool FailedAuthLimiter::RecordFailure(const std::string& key_id,
                                      const std::string& peer) {
  const Time now = clock_.Now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (counters_.size() >= max_entries_) PruneLocked(now);
  bool tipped = CountLocked("peer:" + peer, now);
  if (!key_id.empty()) tipped = CountLocked("key:" + key_id, now) || tipped;
  return tipped;
}

bool FailedAuthLimiter::BlockedLocked(const std::string& subject, Time now) {
  auto it = counters_.find(subject);
  return it != counters_.end() && it->second.blocked_until > now;
}

bool FailedAuthLimiter::CountLocked(const std::string& subject, Time now) {
  Counter& counter = counters_[subject];
  if (now - counter.window_start > limits_.window) {
    counter.failures = 0;
    counter.window_start = now;
  }
  ++counter.failures;
  if (counter.failures == limits_.max_failures) {
    counter.blocked_until = now + limits_.cooldown;
    return true;
  }
  return false;
}

void FailedAuthLimiter::PruneLocked(Time now) {
  for (auto it = counters_.begin(); it != counters_.end();) {
    const Counter& c = it->second;
    const bool idle =
        c.blocked_until <= now && now - c.window_start > limits_.window;
    it = idle ? counters_.erase(it) : std::next(it);
  }
  // Still full: forget the counts still below the threshold rather than grow
  // without bound; subjects already cooling off stay blocked.
  if (counters_.size() < max_entries_) return;
  for (auto it = counters_.begin(); it != counters_.end();) {
    it = it->second.blocked_until <= now ? counters_.erase(it) : std::next(it);
  }
}

}  // namespace keyward::domain
