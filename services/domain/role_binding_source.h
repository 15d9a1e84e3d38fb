// Where an authenticated caller's role bindings come from: the
// RoleBindingRepository, through a short-lived cache so that a call does not
// cost a database round trip each time. A granted or removed role applies at
// once on the replica that changed it and within a second on every other:
// both forget the principal when the change is published (Forget, fed by
// this process's commits and by PostgreSQL NOTIFY), and entries live at most
// `ttl` in case a notification is lost.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_SOURCE_H_
#define KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_SOURCE_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/caller.h"
#include "services/domain/clock.h"
#include "services/domain/repositories.h"

namespace keyward::domain {

class RoleBindingSource {
 public:
  virtual ~RoleBindingSource() = default;
  virtual absl::StatusOr<std::vector<CallerRoleBinding>> RoleBindingsOf(
      const std::string& principal_id) = 0;
};

class RepositoryRoleBindingSource : public RoleBindingSource {
 public:
  RepositoryRoleBindingSource(
      RoleBindingRepository& repository, const Clock& clock,
      std::chrono::microseconds ttl = std::chrono::seconds(1));
  absl::StatusOr<std::vector<CallerRoleBinding>> RoleBindingsOf(
      const std::string& principal_id) override;

  // The principal's bindings changed: read them again next time.
  void Forget(const std::string& principal_id);
  // Anything may have changed (the change feed was interrupted).
  void Clear();

 private:
  struct Entry {
    std::vector<CallerRoleBinding> bindings;
    Time expires;
  };
  static constexpr size_t kMaxPrincipals = 100000;

  RoleBindingRepository& repository_;
  const Clock& clock_;
  const std::chrono::microseconds ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> cache_;
  // Bumped by Forget and Clear, so that a read that started before them
  // does not put what it read back into the cache.
  uint64_t generation_ = 0;
};

}  // namespace keyward::domain

#endif  // KEYWARD_SERVICES_DOMAIN_ROLE_BINDING_SOURCE_H_
