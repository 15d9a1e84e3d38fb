#include "services/domain/verification_cache.h"

#include <mutex>

namespace keyward::domain {

CachedKeyLookup::CachedKeyLookup(KeyLookup& source, const Clock& clock,
                                 VerificationCacheLimits limits)
    : source_(source), clock_(clock), limits_(limits) {}

absl::StatusOr<std::optional<StoredApiKey>>
CachedKeyLookup::FindForVerification(const std::string& id) {
  uint64_t generation = 0;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto key = keys_.find(id);
    if (key != keys_.end()) return std::optional<StoredApiKey>(key->second);
    auto unknown = unknown_until_.find(id);
    if (unknown != unknown_until_.end() && unknown->second > clock_.Now()) {
      return std::optional<StoredApiKey>();
    }
    generation = generation_;
  }

  absl::StatusOr<std::optional<StoredApiKey>> found =
      source_.FindForVerification(id);
  if (!found.ok()) return found;

  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (generation != generation_) return found;  // a revocation raced us
  if (found->has_value()) {
    if (keys_.size() >= limits_.max_keys) keys_.erase(keys_.begin());
    keys_.emplace(id, **found);
    unknown_until_.erase(id);
  } else {
    if (unknown_until_.size() >= limits_.max_unknown) unknown_until_.clear();
    unknown_until_[id] = clock_.Now() + limits_.unknown_ttl;
  }
  return found;
}

void CachedKeyLookup::Revoke(const std::string& id) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  keys_.erase(id);
  ++generation_;
}

void CachedKeyLookup::Clear() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  keys_.clear();
  unknown_until_.clear();
  ++generation_;
}

size_t CachedKeyLookup::cached_keys() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return keys_.size();
}

}  // namespace keyward::domain
