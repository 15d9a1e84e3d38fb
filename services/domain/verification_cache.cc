#include "services/domain/verification_cache.h"

#include <algorithm>
#include <mutex>

namespace keyward::domain {
namespace {

// Copies `text` into a NUL-padded array; false when it does not fit.
template <size_t N>
bool Pack(const std::string& text, std::array<char, N>& out) {
  if (text.size() > N) return false;
  out.fill('\0');
  std::copy(text.begin(), text.end(), out.begin());
  return true;
}

template <size_t N>
std::string Unpack(const std::array<char, N>& packed) {
  const auto end = std::find(packed.begin(), packed.end(), '\0');
  return std::string(packed.begin(), end);
}

}  // namespace

CachedKeyLookup::CachedKeyLookup(KeyLookup& source, const Clock& clock,
                                 VerificationCacheLimits limits,
                                 MetricsSink& metrics)
    : source_(source), clock_(clock), limits_(limits), metrics_(metrics) {}

std::optional<CachedKeyLookup::KeyId> CachedKeyLookup::ToKeyId(
    const std::string& id) {
  KeyId key_id;
  if (id.size() != key_id.size()) return std::nullopt;
  std::copy(id.begin(), id.end(), key_id.begin());
  return key_id;
}

std::optional<CachedKeyLookup::Entry> CachedKeyLookup::ToEntry(
    const StoredApiKey& stored) {
  Entry entry;
  if (stored.secret_hash.size() != entry.secret_hash.size() ||
      !Pack(stored.key.owner_id, entry.owner_id) ||
      !Pack(stored.key.resource_id, entry.resource_id)) {
    return std::nullopt;
  }
  std::copy(stored.secret_hash.begin(), stored.secret_hash.end(),
            entry.secret_hash.begin());
  entry.has_expire = stored.key.expire_time.has_value();
  if (entry.has_expire) {
    entry.expire_micros = stored.key.expire_time->time_since_epoch().count();
  }
  entry.has_disable = stored.key.disable_time.has_value();
  if (entry.has_disable) {
    entry.disable_micros = stored.key.disable_time->time_since_epoch().count();
  }
  entry.owner_type = stored.key.owner_type;
  entry.resource_kind = stored.key.resource_kind;
  return entry;
}

StoredApiKey CachedKeyLookup::FromEntry(const std::string& id,
                                        const Entry& entry) {
  StoredApiKey stored;
  stored.key.id = id;
  stored.key.owner_id = Unpack(entry.owner_id);
  stored.key.owner_type = entry.owner_type;
  stored.key.resource_id = Unpack(entry.resource_id);
  stored.key.resource_kind = entry.resource_kind;
  if (entry.has_expire) {
    stored.key.expire_time =
        Time(std::chrono::microseconds(entry.expire_micros));
  }
  if (entry.has_disable) {
    stored.key.disable_time =
        Time(std::chrono::microseconds(entry.disable_micros));
  }
  stored.secret_hash.assign(entry.secret_hash.begin(), entry.secret_hash.end());
  return stored;
}

absl::StatusOr<std::optional<StoredApiKey>>
CachedKeyLookup::FindForVerification(const std::string& id) {
  const std::optional<KeyId> key_id = ToKeyId(id);
  if (!key_id) {
    metrics_.VerificationCacheLookup(false);
    return source_.FindForVerification(id);
  }
  uint64_t generation = 0;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto key = keys_.find(*key_id);
    if (key != keys_.end() && IsFresh(key->second)) {
      metrics_.VerificationCacheLookup(true);
      return std::optional<StoredApiKey>(FromEntry(id, key->second));
    }
    auto unknown = unknown_until_.find(id);
    if (unknown != unknown_until_.end() && unknown->second > clock_.Now()) {
      metrics_.VerificationCacheLookup(true);
      return std::optional<StoredApiKey>();
    }
    generation = generation_;
  }
  metrics_.VerificationCacheLookup(false);

  absl::StatusOr<std::optional<StoredApiKey>> found =
      source_.FindForVerification(id);
  if (!found.ok()) return found;

  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (generation != generation_) return found;  // a revocation raced us
  if (found->has_value()) {
    if (std::optional<Entry> entry = ToEntry(**found)) {
      entry->cached_micros = clock_.Now().time_since_epoch().count();
      auto aged = keys_.find(*key_id);
      if (aged != keys_.end()) {
        aged->second = *entry;
      } else {
        if (keys_.size() >= limits_.max_keys) keys_.erase(keys_.begin());
        keys_.emplace(*key_id, *entry);
      }
    }
    unknown_until_.erase(id);
  } else {
    keys_.erase(*key_id);  // an aged entry of a key deleted meanwhile
    if (unknown_until_.size() >= limits_.max_unknown) unknown_until_.clear();
    unknown_until_[id] = clock_.Now() + limits_.unknown_ttl;
  }
  metrics_.VerificationCacheEntries(keys_.size());
  return found;
}

bool CachedKeyLookup::IsFresh(const Entry& entry) const {
  const Time cached_at = Time(std::chrono::microseconds(entry.cached_micros));
  return clock_.Now() - cached_at < limits_.max_age;
}

void CachedKeyLookup::Revoke(const std::string& id) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (std::optional<KeyId> key_id = ToKeyId(id)) keys_.erase(*key_id);
  ++generation_;
  metrics_.VerificationCacheEntries(keys_.size());
}

void CachedKeyLookup::Clear() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  keys_.clear();
  unknown_until_.clear();
  ++generation_;
  metrics_.VerificationCacheEntries(0);
}

size_t CachedKeyLookup::cached_keys() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return keys_.size();
}

}  // namespace keyward::domain
