// CachedKeyLookup: keeps the keys VerifyApiKey has looked up in memory, so a
// warm key verifies without touching PostgreSQL, and remembers unknown ids
// for a short while (bounded), so garbage traffic cannot hammer the
// database. Keys are immutable except for their names, which verification
// does not read, so an entry stays right until the key is deleted: deletes
// reach every replica through Revoke (fed by PostgreSQL LISTEN/NOTIFY), and
// Clear drops everything when that feed was interrupted.
//
// Thread-safety: safe to call concurrently; lookups share a reader lock.
#ifndef KEYWARD_SERVICES_DOMAIN_VERIFICATION_CACHE_H_
#define KEYWARD_SERVICES_DOMAIN_VERIFICATION_CACHE_H_

#include <chrono>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "services/domain/clock.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

struct VerificationCacheLimits {
  size_t max_keys = 2'000'000;
  size_t max_unknown = 100'000;
  std::chrono::microseconds unknown_ttl = std::chrono::seconds(10);
};

class CachedKeyLookup : public KeyLookup {
 public:
  CachedKeyLookup(KeyLookup& source, const Clock& clock,
                  VerificationCacheLimits limits = {});

  absl::StatusOr<std::optional<StoredApiKey>> FindForVerification(
      const std::string& id) override;

  // The key was deleted: forget it everywhere in this process.
  void Revoke(const std::string& id);
  // The revocation feed was lost: nothing cached can be trusted.
  void Clear();

  size_t cached_keys() const;

 private:
  KeyLookup& source_;
  const Clock& clock_;
  const VerificationCacheLimits limits_;

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, StoredApiKey> keys_;
  std::unordered_map<std::string, Time> unknown_until_;
  // Bumped by Revoke/Clear, so a lookup that raced a revocation does not
  // store what it read before the key was deleted.
  uint64_t generation_ = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_VERIFICATION_CACHE_H_
