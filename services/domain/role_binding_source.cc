#include "services/domain/role_binding_source.h"

namespace keyward::domain {

RepositoryRoleBindingSource::RepositoryRoleBindingSource(
    RoleBindingRepository& repository, const Clock& clock,
    std::chrono::microseconds ttl)
    : repository_(repository), clock_(clock), ttl_(ttl) {}

absl::StatusOr<std::vector<CallerRoleBinding>>
RepositoryRoleBindingSource::RoleBindingsOf(const std::string& principal_id) {
  const Time now = clock_.Now();
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(principal_id);
    if (it != cache_.end() && it->second.expires > now) {
      return it->second.bindings;
    }
    generation = generation_;
  }
  absl::StatusOr<std::vector<RoleBinding>> bindings =
      repository_.ListForPrincipal(principal_id);
  if (!bindings.ok()) return bindings.status();
  std::vector<CallerRoleBinding> result;
  for (const RoleBinding& binding : *bindings) {
    result.push_back({binding.role, binding.scope});
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) return result;
  if (cache_.size() >= kMaxPrincipals) cache_.clear();
  cache_[principal_id] = Entry{result, now + ttl_};
  return result;
}

void RepositoryRoleBindingSource::Forget(const std::string& principal_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  cache_.erase(principal_id);
}

void RepositoryRoleBindingSource::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  cache_.clear();
}

}  // namespace keyward::domain
