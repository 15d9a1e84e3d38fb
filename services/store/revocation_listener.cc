#include "services/store/revocation_listener.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/store/connection_pool.h"
#include "services/store/revocation_payloads.h"

namespace keyward::store {
namespace {

using Clock = std::chrono::steady_clock;

// Between two looks at `stopping` and the heartbeat deadline.
constexpr std::chrono::milliseconds kPollSlice(200);
constexpr std::chrono::milliseconds kFirstBackoff(100);
constexpr std::chrono::milliseconds kMaxBackoff(5000);

// The listener names itself, so operators (and tests) can tell its
// long-lived connection from the pool's.
std::string ListenerUrl(const std::string& url) {
  if (url.find("application_name=") != std::string::npos) {
    return WithConnectionDefaults(url);
  }
  return WithConnectionDefaults(
      absl::StrCat(url, url.find('?') == std::string::npos ? "?" : "&",
                   "application_name=keywardd-revocations"));
}

struct PgConnDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;

// libpq's messages name hosts and ports, never the password: fit for the log.
[[noreturn]] void Fail(PGconn* connection, const std::string& what) {
  std::string message = absl::StrCat(what, ": ", PQerrorMessage(connection));
  absl::StripTrailingAsciiWhitespace(&message);
  throw std::runtime_error(message);
}

// Server notices (e.g. why it is closing the connection) go to the log
// rather than raw to stderr.
void LogNotice(void*, const char* message) {
  std::string text = message;
  absl::StripTrailingAsciiWhitespace(&text);
  LogInfo(absl::StrCat("revocation feed: ", text));
}

void Send(PGconn* connection, const std::string& sql) {
  if (PQsendQuery(connection, sql.c_str()) != 1) Fail(connection, sql);
}

// Waits until the connection has input or `timeout` passes.
void WaitForInput(PGconn* connection, std::chrono::milliseconds timeout) {
  pollfd socket{PQsocket(connection), POLLIN, 0};
  if (socket.fd < 0) Fail(connection, "no socket");
  const int timeout_ms = static_cast<int>(
      std::max<int64_t>(0, std::min<int64_t>(timeout.count(), 1 << 30)));
  if (poll(&socket, 1, timeout_ms) < 0 && errno != EINTR) {
    throw std::runtime_error("poll on the listening connection failed");
  }
}

}  // namespace

RevocationListener::RevocationListener(
    std::string url, std::chrono::milliseconds heartbeat_interval,
    OnRevoked on_revoked, OnReset on_reset, domain::MetricsSink& metrics)
    : url_(ListenerUrl(url)),
      // Bounded so that deadlines computed from it cannot overflow.
      heartbeat_interval_(std::min<std::chrono::milliseconds>(
          heartbeat_interval, std::chrono::hours(24))),
      on_revoked_(std::move(on_revoked)),
      on_reset_(std::move(on_reset)),
      metrics_(metrics) {
  metrics_.RevocationListenerConnected(false);
}

RevocationListener::~RevocationListener() { Stop(); }

void RevocationListener::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void RevocationListener::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool RevocationListener::stopping() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void RevocationListener::Loop() {
  std::chrono::milliseconds backoff = kFirstBackoff;
  while (!stopping()) {
    try {
      ListenUntilBroken();
      backoff = kFirstBackoff;
    } catch (const std::exception& error) {
      LogWarning(
          absl::StrCat("revocation feed lost, cache flushed: ", error.what()));
    }
    metrics_.RevocationListenerConnected(false);
    // Whatever happened while not listening is unknown: trust nothing.
    on_reset_();
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, backoff, [this] { return stopping_; })) return;
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

void RevocationListener::ListenUntilBroken() {
  // connect_timeout (WithConnectionDefaults) bounds this, stalled or not.
  PgConn owned(PQconnectdb(url_.c_str()));
  PGconn* connection = owned.get();
  if (connection == nullptr) throw std::runtime_error("out of memory");
  if (PQstatus(connection) != CONNECTION_OK) Fail(connection, "connect");
  PQsetNoticeProcessor(connection, LogNotice, nullptr);

  // A channel no other session listens to: its notifications are ours.
  const std::string heartbeat_channel =
      absl::StrCat("keyward_heartbeat_", PQbackendPID(connection));
  const auto deadline = heartbeat_interval_ * kMissedHeartbeats;
  Send(connection, absl::StrCat("LISTEN ", kRevocationChannel, "; LISTEN ",
                                heartbeat_channel));
  bool query_in_flight = true;
  bool listening = false;
  Clock::time_point heard_until = Clock::now() + deadline;
  Clock::time_point next_heartbeat = Clock::now() + heartbeat_interval_;

  while (!stopping()) {
    // Wake for the next heartbeat to send (none while a query is
    // outstanding) and for the deadline, whichever comes first.
    Clock::time_point wake = std::min(Clock::now() + kPollSlice, heard_until);
    if (!query_in_flight) wake = std::min(wake, next_heartbeat);
    WaitForInput(connection,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     wake - Clock::now()));
    if (PQconsumeInput(connection) != 1) Fail(connection, "read");

    while (query_in_flight && PQisBusy(connection) == 0) {
      PGresult* result = PQgetResult(connection);
      if (result == nullptr) {
        query_in_flight = false;
        break;
      }
      const ExecStatusType status = PQresultStatus(result);
      PQclear(result);
      if (status != PGRES_COMMAND_OK) Fail(connection, "LISTEN or NOTIFY");
    }
    if (!query_in_flight && !listening) {
      listening = true;
      LogInfo("revocation feed: listening");
      metrics_.RevocationListenerConnected(true);
      // Anything revoked before LISTEN took effect is unknown too.
      on_reset_();
    }

    while (PGnotify* notification = PQnotifies(connection)) {
      const std::string channel = notification->relname;
      const std::string payload = notification->extra;
      PQfreemem(notification);
      heard_until = Clock::now() + deadline;  // the connection is alive
      if (channel == kRevocationChannel) Deliver(payload);
    }

    const Clock::time_point now = Clock::now();
    if (now > heard_until) {
      throw std::runtime_error(absl::StrCat("no heartbeat came back within ",
                                            deadline.count(), "ms"));
    }
    if (!query_in_flight && now >= next_heartbeat) {
      Send(connection, absl::StrCat("NOTIFY ", heartbeat_channel));
      query_in_flight = true;
      next_heartbeat = now + heartbeat_interval_;
    }
  }
}

void RevocationListener::Deliver(const std::string& payload) {
  if (payload == kRevokeEverything) {
    on_reset_();
    return;
  }
  for (const std::string& id : RevokedIdsOf(payload)) on_revoked_(id);
  if (const std::optional<int64_t> published = PublishedMicrosOf(payload)) {
    const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    metrics_.RevocationApplied(now - std::chrono::microseconds(*published));
  }
}

}  // namespace keyward::store
