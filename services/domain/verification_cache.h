// CachedKeyLookup: keeps the keys VerifyApiKey has looked up in memory, so a
// warm key verifies without touching PostgreSQL, and remembers unknown ids
// for a short while (bounded), so garbage traffic cannot hammer the
// database. What verification reads of a key changes only when the key is
// deleted, disabled, enabled or rotated (which shortens its expiry), so an
// entry stays right until one of those: they reach every replica as
// revocations through Revoke (fed by PostgreSQL LISTEN/NOTIFY), Clear drops
// everything when that feed was interrupted, and an entry older than
// `max_age` is read again in case a revocation was lost unnoticed.
//
// Entries are compact (fixed-size ids and hash, about 100 bytes each with
// the map's overhead) so that a million warm keys fit the memory target; a
// lookup rebuilds the fields verification reads (ids, types, expiry,
// disable time, hash).
//
// Every lookup counts as a hit (answered from memory, a remembered unknown
// id included) or a miss on `metrics`, which also hears the number of
// cached keys whenever it changes.
//
// Thread-safety: safe to call concurrently; lookups share a reader lock.
#ifndef KEYWARD_SERVICES_DOMAIN_VERIFICATION_CACHE_H_
#define KEYWARD_SERVICES_DOMAIN_VERIFICATION_CACHE_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "services/domain/clock.h"
#include "services/domain/metrics_sink.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

struct VerificationCacheLimits {
  size_t max_keys = 2'000'000;
  size_t max_unknown = 100'000;
  std::chrono::microseconds unknown_ttl = std::chrono::seconds(10);
  // A key read longer ago than this is read again: whatever happened to
  // the revocation feed, a deleted key verifies no longer than this.
  std::chrono::microseconds max_age = std::chrono::seconds(60);
};

class CachedKeyLookup : public KeyLookup {
 public:
  CachedKeyLookup(KeyLookup& source, const Clock& clock,
                  VerificationCacheLimits limits = {},
                  MetricsSink& metrics = NoMetrics());

  absl::StatusOr<std::optional<StoredApiKey>> FindForVerification(
      const std::string& id) override;

  // The key was deleted: forget it everywhere in this process.
  void Revoke(const std::string& id);
  // The revocation feed was lost: nothing cached can be trusted.
  void Clear();

  size_t cached_keys() const;

 private:
  using KeyId = std::array<char, 16>;
  struct KeyIdHash {
    size_t operator()(const KeyId& id) const {
      return std::hash<std::string_view>()(
          std::string_view(id.data(), id.size()));
    }
  };
  // What verification needs of a key, in fixed-size fields.
  struct Entry {
    std::array<unsigned char, 32> secret_hash;
    std::array<char, 16> owner_id;     // NUL-padded
    std::array<char, 16> resource_id;  // NUL-padded; "cloud" for Cloud keys
    int64_t expire_micros = 0;
    int64_t cached_micros = 0;  // when it was read from the source
    int64_t disable_micros = 0;
    bool has_expire = false;
    bool has_disable = false;
    AccountType owner_type = AccountType::kServiceAccount;
    ResourceKind resource_kind = ResourceKind::kCloud;
  };

  static std::optional<KeyId> ToKeyId(const std::string& id);
  static std::optional<Entry> ToEntry(const StoredApiKey& stored);
  static StoredApiKey FromEntry(const std::string& id, const Entry& entry);
  bool IsFresh(const Entry& entry) const;

  KeyLookup& source_;
  const Clock& clock_;
  const VerificationCacheLimits limits_;
  MetricsSink& metrics_;

  mutable std::shared_mutex mutex_;
  std::unordered_map<KeyId, Entry, KeyIdHash> keys_;
  std::unordered_map<std::string, Time> unknown_until_;
  // Bumped by Revoke/Clear, so a lookup that raced a revocation does not
  // store what it read before the key was deleted.
  uint64_t generation_ = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_VERIFICATION_CACHE_H_
