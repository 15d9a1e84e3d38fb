#include "services/store/connection_pool.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace keyward::store {
namespace {

// SQLSTATE class 08 is "connection exception"; 57P0x is the server shutting
// down or crashing under us. Both mean "try again later", not a bug.
bool IsConnectionLoss(const std::string& sqlstate) {
  return sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P0", 0) == 0;
}

// Deadlock, serialization failure, lock not available: the transaction lost
// a race and changed nothing; running it again is safe.
bool IsTransient(const std::string& sqlstate) {
  return sqlstate == "40P01" || sqlstate == "40001" || sqlstate == "55P03";
}

constexpr int kAttemptsOnTransientFailure = 3;

// libpq's message names hosts and ports (never the password): it goes to
// the log, and callers get only what happened.
absl::Status Unavailable(const std::exception& error) {
  std::string message = error.what();
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  static LogThrottle throttle(std::chrono::seconds(1));
  if (throttle.Allow()) {
    LogWarning(absl::StrCat("database unavailable: ", message));
  }
  return absl::UnavailableError("database unavailable");
}

}  // namespace

ConnectionPool::ConnectionPool(std::string url, int size,
                               std::chrono::milliseconds acquire_timeout)
    : url_(WithConnectionDefaults(url)),
      size_(size),
      acquire_timeout_(acquire_timeout) {}

absl::Status ConnectionPool::Run(
    const std::function<void(pqxx::connection&)>& work) {
  absl::Status status;
  for (int attempt = 1; attempt <= kAttemptsOnTransientFailure; ++attempt) {
    bool transient = false;
    status = RunOnce(work, transient);
    if (!transient) break;
  }
  return status;
}

absl::Status ConnectionPool::RunOnce(
    const std::function<void(pqxx::connection&)>& work, bool& transient) {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = Acquire();
  } catch (const pqxx::broken_connection& error) {
    return Unavailable(error);
  }
  if (connection == nullptr) {
    return absl::UnavailableError(
        "database unavailable: no connection free within the acquire timeout");
  }
  try {
    work(*connection);
    Release(std::move(connection), false);
    return absl::OkStatus();
  } catch (const pqxx::broken_connection& error) {
    Release(std::move(connection), true);
    return Unavailable(error);
  } catch (const pqxx::in_doubt_error& error) {
    Release(std::move(connection), true);
    return Unavailable(error);
  } catch (const pqxx::sql_error& error) {
    const bool lost = IsConnectionLoss(error.sqlstate());
    const bool broken = lost || !connection->is_open();
    Release(std::move(connection), broken);
    if (lost) return Unavailable(error);
    if (IsTransient(error.sqlstate())) {
      transient = true;
      return absl::UnavailableError(
          absl::StrCat("database busy (SQLSTATE ", error.sqlstate(),
                       "); nothing was changed, retry"));
    }
    return absl::InternalError(
        absl::StrCat("database error (SQLSTATE ", error.sqlstate(), ")"));
  } catch (const std::exception& error) {
    const bool broken = !connection->is_open();
    Release(std::move(connection), broken);
    if (broken) return Unavailable(error);
    return absl::InternalError(absl::StrCat("database error: ", error.what()));
  }
}

std::unique_ptr<pqxx::connection> ConnectionPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const bool got_slot = available_.wait_for(lock, acquire_timeout_, [&] {
      return !idle_.empty() || open_ < size_;
    });
    if (!got_slot) return nullptr;
    if (!idle_.empty()) {
      std::unique_ptr<pqxx::connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  try {
    return std::make_unique<pqxx::connection>(url_);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> connection,
                             bool broken) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (broken || connection == nullptr || !connection->is_open()) {
    // Connections share the server's fate: when one broke, the idle ones
    // most likely did too (a restart, a failover), so open fresh ones.
    open_ -= 1 + static_cast<int>(idle_.size());
    idle_.clear();
    connection.reset();
    available_.notify_all();
  } else {
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

int ConnectionPool::open_connections() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_;
}

std::string WithConnectionDefaults(const std::string& url) {
  std::string result = url;
  auto add = [&result](const std::string& key, const std::string& value) {
    if (result.find(key + "=") != std::string::npos) return;
    result += result.find('?') == std::string::npos ? '?' : '&';
    result += key + "=" + value;
  };
  add("connect_timeout", "3");
  add("application_name", "keywardd");
  // A peer that vanished (host down, connection dropped by a firewall) is
  // noticed after about a minute of silence instead of never.
  add("keepalives", "1");
  add("keepalives_idle", "30");
  add("keepalives_interval", "10");
  add("keepalives_count", "3");
  return result;
}

}  // namespace keyward::store
