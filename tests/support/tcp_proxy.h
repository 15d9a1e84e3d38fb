// TcpProxy: passes TCP connections from a loopback port of its own to a
// target (PostgreSQL), and can stall chosen connections silently — it stops
// passing their bytes but closes nothing, as a stuck NAT, firewall or
// network would — so neither end learns anything. Thaw passes the held
// bytes on and resumes.
//
// Thread-safety: Freeze and Thaw may be called from any thread; the proxy
// serves each connection on a thread of its own.
#ifndef KEYWARD_TESTS_SUPPORT_TCP_PROXY_H_
#define KEYWARD_TESTS_SUPPORT_TCP_PROXY_H_

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace keyward::testing {

class TcpProxy {
 public:
  // Forwards to the port of `postgres_url` (postgresql://user@host:port/db,
  // host a loopback address).
  explicit TcpProxy(const std::string& postgres_url);
  ~TcpProxy();
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  // `postgres_url` with the proxy in place of the server.
  const std::string& url() const { return url_; }

  // Stalls every connection, open or opened later, once its client has
  // sent `marker` among its first bytes (a PostgreSQL client's startup
  // message names its application_name); an empty marker stalls all.
  // When it returns, no further byte of such a connection has passed.
  void Freeze(const std::string& marker);
  void Thaw();

 private:
  void AcceptLoop();
  void Forward(int client, int server);
  // Blocks while the connection that began with `client_start` is frozen;
  // false once the proxy is stopping.
  bool WaitWhileFrozen(std::unique_lock<std::mutex>& lock,
                       const std::string& client_start);

  int target_port_ = 0;
  int listener_ = -1;
  std::string url_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable thawed_;  // on Thaw and on stopping
  std::optional<std::string> freeze_marker_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace keyward::testing

#endif  // KEYWARD_TESTS_SUPPORT_TCP_PROXY_H_
