#include "services/store/connection_pool.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/call_deadline.h"
#include "services/common/log.h"

namespace keyward::store {
namespace {

using std::chrono::milliseconds;

// SQLSTATE class 08 is "connection exception"; 57P0x is the server shutting
// down or crashing under us. Both mean "try again later", not a bug.
bool IsConnectionLoss(const std::string& sqlstate) {
  return sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P0", 0) == 0;
}

// Deadlock, serialization failure: the transaction lost a race and changed
// nothing; running it again at once is safe and likely to succeed.
bool IsTransient(const std::string& sqlstate) {
  return sqlstate == "40P01" || sqlstate == "40001";
}

constexpr char kQueryCanceled[] = "57014";     // statement_timeout
constexpr char kLockNotAvailable[] = "55P03";  // lock_timeout

constexpr int kAttemptsOnTransientFailure = 3;

// Trailing newlines and spaces libpq leaves on its messages.
std::string Trimmed(std::string message) {
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

// libpq's message names hosts and ports (never the password): it goes to
// the log, and callers get only what happened.
absl::Status Unavailable(const std::exception& error) {
  static LogThrottle throttle(std::chrono::seconds(1));
  if (throttle.Allow()) {
    LogWarning(absl::StrCat("database unavailable: ", Trimmed(error.what())));
  }
  return absl::UnavailableError("database unavailable");
}

// The connection broke while COMMIT was on its way: the server may or may
// not have committed, and a blind retry could apply the change twice.
absl::Status InDoubt(const std::exception& error) {
  LogWarning(absl::StrCat("commit outcome unknown: ", Trimmed(error.what())));
  return absl::UnknownError(
      "the outcome of the change is unknown: the database connection broke "
      "while committing; check whether the change was made before retrying");
}

// One of keywardd's own limits (statement or lock timeout) ended the
// statement: the database is busy, the caller may retry.
absl::Status Busy(const std::string& what) {
  static LogThrottle throttle(std::chrono::seconds(1));
  if (throttle.Allow()) LogWarning(absl::StrCat("database busy: ", what));
  return absl::UnavailableError(
      absl::StrCat("database busy: ", what, "; nothing was changed, retry"));
}

// Time left before the current call's deadline; nullopt without one.
std::optional<milliseconds> TimeLeft() {
  const std::optional<Deadline> deadline = CurrentCallDeadline();
  if (!deadline) return std::nullopt;
  return std::chrono::duration_cast<milliseconds>(
      *deadline - std::chrono::system_clock::now());
}

absl::Status DeadlineExceeded(const std::string& what) {
  return absl::DeadlineExceededError(
      absl::StrCat("deadline exceeded ", what, "; nothing was changed"));
}

void Execute(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction statement(connection);
  statement.exec(sql);
}

}  // namespace

ConnectionPool::ConnectionPool(std::string url, int size, SessionLimits limits,
                               std::chrono::milliseconds acquire_timeout,
                               domain::MetricsSink& metrics)
    : url_(WithSessionLimits(WithConnectionDefaults(url), limits)),
      size_(size),
      acquire_timeout_(acquire_timeout),
      statement_timeout_(limits.statement_timeout),
      metrics_(metrics) {
  metrics_.DatabasePoolConnections(0, 0);
}

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
  std::optional<milliseconds> left = TimeLeft();
  if (left && left->count() < 1) {
    return DeadlineExceeded("before the database was asked");
  }
  const bool deadline_bounds_wait = left && *left < acquire_timeout_;
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = Acquire(deadline_bounds_wait ? *left : acquire_timeout_);
  } catch (const pqxx::broken_connection& error) {
    return Unavailable(error);
  }
  if (connection == nullptr) {
    if (deadline_bounds_wait) {
      return DeadlineExceeded("waiting for a free database connection");
    }
    return absl::UnavailableError(
        "database unavailable: no connection free within the acquire timeout");
  }
  // A deadline closer than the statement timeout bounds every statement of
  // this run instead; the session's own value comes back with RESET.
  left = TimeLeft();
  const bool deadline_bounds_statements =
      left && (statement_timeout_.count() == 0 || *left < statement_timeout_);
  bool broken = false;
  absl::Status status =
      deadline_bounds_statements && left->count() < 1
          ? DeadlineExceeded("before the database was asked")
          : RunOn(*connection, work,
                  deadline_bounds_statements ? left : std::nullopt, transient,
                  broken);
  if (deadline_bounds_statements && !broken) {
    try {
      Execute(*connection, "RESET statement_timeout");
    } catch (const std::exception&) {
      broken = true;
    }
  }
  Release(std::move(connection), broken);
  return status;
}

absl::Status ConnectionPool::RunOn(
    pqxx::connection& connection,
    const std::function<void(pqxx::connection&)>& work,
    std::optional<milliseconds> statement_timeout, bool& transient,
    bool& broken) {
  try {
    if (statement_timeout) {
      Execute(connection, absl::StrCat("SET statement_timeout = ",
                                       statement_timeout->count()));
    }
    work(connection);
    return absl::OkStatus();
  } catch (const pqxx::broken_connection& error) {
    broken = true;
    return Unavailable(error);
  } catch (const pqxx::in_doubt_error& error) {
    broken = true;
    return InDoubt(error);
  } catch (const pqxx::sql_error& error) {
    const std::string& sqlstate = error.sqlstate();
    const bool lost = IsConnectionLoss(sqlstate);
    broken = lost || !connection.is_open();
    if (lost) return Unavailable(error);
    if (IsTransient(sqlstate)) {
      transient = true;
      return absl::UnavailableError(
          absl::StrCat("database busy (SQLSTATE ", sqlstate,
                       "); nothing was changed, retry"));
    }
    if (sqlstate == kQueryCanceled) {
      if (statement_timeout) {
        return DeadlineExceeded("while the database was working on the call");
      }
      return Busy("a statement ran longer than the statement timeout");
    }
    if (sqlstate == kLockNotAvailable) {
      return Busy(
          "waited longer than the lock timeout for a row another change "
          "holds");
    }
    return absl::InternalError(
        absl::StrCat("database error (SQLSTATE ", sqlstate, ")"));
  } catch (const std::exception& error) {
    broken = !connection.is_open();
    if (broken) return Unavailable(error);
    return absl::InternalError(absl::StrCat("database error: ", error.what()));
  }
}

std::unique_ptr<pqxx::connection> ConnectionPool::Acquire(
    std::chrono::milliseconds timeout) {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto free = [&] { return !idle_.empty() || open_ < size_; };
    if (!free()) {
      const bool got_slot = available_.wait_for(lock, timeout, free);
      metrics_.DatabasePoolWaited(!got_slot);
      if (!got_slot) return nullptr;
    }
    if (!idle_.empty()) {
      std::unique_ptr<pqxx::connection> connection = std::move(idle_.back());
      idle_.pop_back();
      ReportConnections();
      return connection;
    }
    ++open_;  // reserve the slot before connecting outside the lock
    ReportConnections();
  }
  try {
    return std::make_unique<pqxx::connection>(url_);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_;
    ReportConnections();
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
  ReportConnections();
  available_.notify_one();
}

void ConnectionPool::ReportConnections() {
  const int idle = static_cast<int>(idle_.size());
  metrics_.DatabasePoolConnections(idle, open_ - idle);
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
