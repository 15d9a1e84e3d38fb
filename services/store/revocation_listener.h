// RevocationListener: keeps one PostgreSQL connection of its own LISTENing
// for revocations (revocations.h) and hands each id to this process's
// caches (a key id to the verification cache, an account id to the
// role-binding cache).
//
// Notifications missed are never seen again, so the listener reports a
// reset (the caches drop everything) whenever it cannot be sure it heard
// everything: when it (re)starts listening, and when the connection is
// lost. A connection can also die silently — a NAT or firewall drops it, a
// proxy stalls — with neither end told; TCP keepalives do not notice a peer
// that still acknowledges. So the listener NOTIFYs itself every
// `heartbeat_interval` on a channel only it listens to; when no heartbeat
// (or other notification) has come back for kMissedHeartbeats intervals, it
// gives the connection up: reset, then reconnect with backoff.
//
// It tells `metrics` whether it is listening, and for each notification
// that carries its publication time, how long after it the ids were handed
// over (the revocation lag: PostgreSQL's clock against this host's).
//
// All I/O on the connection is non-blocking (libpq directly, polled in
// short slices), so a stalled connection never holds the listener up.
//
// Thread-safety: callbacks run on the listener's own thread; Start and Stop
// from one thread.
#ifndef KEYWARD_SERVICES_STORE_REVOCATION_LISTENER_H_
#define KEYWARD_SERVICES_STORE_REVOCATION_LISTENER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "services/domain/metrics_sink.h"

namespace keyward::store {

class RevocationListener {
 public:
  using OnRevoked = std::function<void(const std::string& id)>;
  using OnReset = std::function<void()>;

  static constexpr int kMissedHeartbeats = 3;

  RevocationListener(std::string url,
                     std::chrono::milliseconds heartbeat_interval,
                     OnRevoked on_revoked, OnReset on_reset,
                     domain::MetricsSink& metrics = domain::NoMetrics());
  ~RevocationListener();  // stops

  void Start();
  void Stop();

 private:
  void Loop();
  // Returns when stopping; throws std::runtime_error when the connection
  // broke or stopped answering heartbeats.
  void ListenUntilBroken();
  void Deliver(const std::string& payload);
  bool stopping();

  const std::string url_;
  const std::chrono::milliseconds heartbeat_interval_;
  const OnRevoked on_revoked_;
  const OnReset on_reset_;
  domain::MetricsSink& metrics_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace keyward::store

#endif  // KEYWARD_SERVICES_STORE_REVOCATION_LISTENER_H_
