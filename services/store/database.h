// Database: keywardd's handle on PostgreSQL — the connection pool, the schema
// migrations and a liveness probe. Repositories in store/ borrow its pool;
// nothing outside store/ sees pqxx.
//
// Thread-safety: all methods are safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_DATABASE_H_
#define KEYWARD_SERVICES_STORE_DATABASE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/domain/metrics_sink.h"
#include "services/store/session_limits.h"

namespace keyward::store {

class ConnectionPool;

class Database {
 public:
  // The pool reports its connections and waits to `metrics`.
  Database(const std::string& url, int pool_size, SessionLimits limits = {},
           domain::MetricsSink& metrics = domain::NoMetrics());
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // OK when PostgreSQL answers a trivial query; UNAVAILABLE otherwise.
  absl::Status Ping();

  // Applies pending embedded migrations; returns the names applied.
  absl::StatusOr<std::vector<std::string>> Migrate();

  ConnectionPool& pool() { return *pool_; }

  // Called, after their transaction committed, with the ids this process
  // revoked (see revocations.h: deleted keys, accounts whose role bindings
  // changed), so its own caches forget them at once rather than when its
  // NOTIFY comes back. Set before serving.
  void OnRevoked(std::function<void(const std::vector<std::string>&)> hook) {
    on_revoked_ = std::move(hook);
  }
  void Revoked(const std::vector<std::string>& ids) const {
    if (on_revoked_ && !ids.empty()) on_revoked_(ids);
  }

 private:
  std::unique_ptr<ConnectionPool> pool_;
  std::function<void(const std::vector<std::string>&)> on_revoked_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_DATABASE_H_
