#include "services/domain/auth_limiter.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace keyward::domain {
namespace {

std::string AddressSubject(const std::string& address) {
  return "a|" + address;
}

std::string KeySubject(const std::string& key_id, const std::string& address) {
  return "k|" + key_id + "|" + address;
}

}  // namespace

FailedAuthLimiter::FailedAuthLimiter(const Clock& clock, AuthLimits limits,
                                     size_t max_entries)
    : clock_(clock),
      limits_(limits),
      max_entries_(std::max<size_t>(max_entries, 2)) {}

FailureVerdict FailedAuthLimiter::RecordFailure(const std::string& key_id,
                                                const std::string& address) {
  const Time now = clock_.Now();
  const std::string by_address = AddressSubject(address);
  const std::string by_key = KeySubject(key_id, address);
  std::lock_guard<std::mutex> lock(mutex_);
  const size_t needed = (counters_.count(by_address) == 0 ? 1 : 0) +
                        (counters_.count(by_key) == 0 ? 1 : 0);
  if (counters_.size() + needed > max_entries_) {
    MakeRoomLocked(now, needed, by_address, by_key);
  }
  const Outcome address_outcome = CountLocked(by_address, now);
  const Outcome key_outcome = CountLocked(by_key, now);
  FailureVerdict verdict;
  verdict.refused = address_outcome.was_blocked || key_outcome.was_blocked;
  verdict.address_tipped = address_outcome.tipped;
  verdict.key_tipped = key_outcome.tipped;
  return verdict;
}

void FailedAuthLimiter::RecordSuccess(const std::string& key_id,
                                      const std::string& address) {
  const std::string by_key = KeySubject(key_id, address);
  std::lock_guard<std::mutex> lock(mutex_);
  counters_.erase(by_key);
}

size_t FailedAuthLimiter::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counters_.size();
}

FailedAuthLimiter::Outcome FailedAuthLimiter::CountLocked(
    const std::string& subject, Time now) {
  Counter& counter = counters_[subject];
  if (counter.blocked_until > now) return Outcome{true, false};
  const bool block_ended = counter.blocked_until != Time();
  if (block_ended || now - counter.window_start > limits_.window) {
    counter = Counter{0, now, Time()};
  }
  ++counter.failures;
  if (counter.failures >= limits_.max_failures) {
    counter.blocked_until = now + limits_.cooldown;
    return Outcome{false, true};
  }
  return Outcome{false, false};
}

void FailedAuthLimiter::MakeRoomLocked(Time now, size_t needed,
                                       const std::string& keep_a,
                                       const std::string& keep_b) {
  const auto kept = [&](const std::string& subject) {
    return subject == keep_a || subject == keep_b;
  };
  // Idle counters first: no cooling off, window over.
  for (auto it = counters_.begin(); it != counters_.end();) {
    const Counter& c = it->second;
    const bool idle =
        c.blocked_until <= now && now - c.window_start > limits_.window;
    it = idle && !kept(it->first) ? counters_.erase(it) : std::next(it);
  }
  // Then as many of the rest as it takes to leave an eighth of the table
  // free: counts below the threshold, oldest window first, before subjects
  // that are cooling off, soonest to end first.
  const size_t target =
      max_entries_ - std::max<size_t>(needed, max_entries_ / 8);
  if (counters_.size() <= target) return;
  using Candidate =
      std::tuple<bool, Time,
                 std::unordered_map<std::string, Counter>::iterator>;
  std::vector<Candidate> candidates;
  candidates.reserve(counters_.size());
  for (auto it = counters_.begin(); it != counters_.end(); ++it) {
    if (kept(it->first)) continue;
    const Counter& c = it->second;
    const bool blocked = c.blocked_until > now;
    candidates.emplace_back(blocked, blocked ? c.blocked_until : c.window_start,
                            it);
  }
  const size_t excess = std::min(counters_.size() - target, candidates.size());
  const auto before = [](const Candidate& a, const Candidate& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) <
           std::tie(std::get<0>(b), std::get<1>(b));
  };
  std::nth_element(candidates.begin(), candidates.begin() + excess,
                   candidates.end(), before);
  for (size_t i = 0; i < excess; ++i)
    counters_.erase(std::get<2>(candidates[i]));
}

}  // namespace keyward::domain
