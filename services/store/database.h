// Database: keywardd's handle on PostgreSQL — the connection pool, the schema
// migrations and a liveness probe. Repositories in store/ borrow its pool;
// nothing outside store/ sees pqxx.
//
// Thread-safety: all methods are safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_DATABASE_H_
#define KEYWARD_SERVICES_STORE_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace keyward::store {

class ConnectionPool;

class Database {
 public:
  Database(const std::string& url, int pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // OK when PostgreSQL answers a trivial query; UNAVAILABLE otherwise.
  absl::Status Ping();

  // Applies pending embedded migrations; returns the names applied.
  absl::StatusOr<std::vector<std::string>> Migrate();

  ConnectionPool& pool() { return *pool_; }

 private:
  std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_DATABASE_H_
