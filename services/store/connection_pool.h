// ConnectionPool: a bounded set of PostgreSQL connections shared by request
// threads. Connections are opened lazily with keywardd's SessionLimits, handed
// out one caller at a time, and a connection that broke while in use is
// closed instead of being returned, so the pool heals by itself once the
// database is reachable again. A run on a thread serving an RPC is bounded by
// the call's deadline (CurrentCallDeadline): the wait for a connection, and
// every statement when the deadline is closer than the statement timeout.
//
// The pool reports to a MetricsSink how many connections are idle and in
// use after every change, and every acquisition that had to wait (and
// whether the wait ended without a connection).
//
// Internal to store/: the rest of keywardd reaches PostgreSQL through the
// Database facade and never sees pqxx.
//
// Thread-safety: all methods are safe to call concurrently.
#ifndef KEYWARD_SERVICES_STORE_CONNECTION_POOL_H_
#define KEYWARD_SERVICES_STORE_CONNECTION_POOL_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/metrics_sink.h"
#include "services/store/session_limits.h"

namespace keyward::store {

class ConnectionPool {
 public:
  // `url` is a libpq connection URL; `size` bounds the open connections.
  ConnectionPool(std::string url, int size, SessionLimits limits = {},
                 std::chrono::milliseconds acquire_timeout =
                     std::chrono::milliseconds(5000),
                 domain::MetricsSink& metrics = domain::NoMetrics());
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Runs `work` on a connection of its own. pqxx exceptions are translated:
  // a lost or unreachable database is UNAVAILABLE (and the connection is
  // discarded); a commit whose connection broke on the way is UNKNOWN (the
  // change may or may not be made: the caller must check before retrying);
  // a transaction that lost a race (deadlock, serialization failure) is run
  // again, and UNAVAILABLE if it keeps losing; one ended by the lock or the
  // statement timeout is UNAVAILABLE ("database busy"), by the call's
  // deadline DEADLINE_EXCEEDED; anything else is INTERNAL naming the
  // SQLSTATE. `work` should catch the errors it expects (unique violations,
  // …) itself, and must be safe to run again after a rollback.
  absl::Status Run(const std::function<void(pqxx::connection&)>& work);

  // Connections currently open (idle or in use), for tests and metrics.
  int open_connections() const;

 private:
  absl::Status RunOnce(const std::function<void(pqxx::connection&)>& work,
                       bool& transient);
  // Runs `work` on `connection`, each statement bounded by
  // `statement_timeout` when given; sets `broken` when the connection must
  // not be reused.
  absl::Status RunOn(pqxx::connection& connection,
                     const std::function<void(pqxx::connection&)>& work,
                     std::optional<std::chrono::milliseconds> statement_timeout,
                     bool& transient, bool& broken);
  std::unique_ptr<pqxx::connection> Acquire(std::chrono::milliseconds timeout);
  void Release(std::unique_ptr<pqxx::connection> connection, bool broken);
  // Tells the metrics the current counts; mutex_ held.
  void ReportConnections();

  const std::string url_;
  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  const std::chrono::milliseconds statement_timeout_;
  domain::MetricsSink& metrics_;

  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;  // idle plus in use, guarded by mutex_
};

// Adds keywardd's defaults (connect_timeout, application_name, TCP
// keepalives) to a libpq URL, each unless the URL sets it itself.
std::string WithConnectionDefaults(const std::string& url);

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_CONNECTION_POOL_H_
