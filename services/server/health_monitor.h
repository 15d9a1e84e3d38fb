// HealthMonitor: probes a dependency (PostgreSQL) at a fixed interval on a
// thread of its own and publishes whether keywardd can serve, so
// grpc.health.v1 reports NOT_SERVING while the database is unreachable and
// SERVING again once it returns, without a restart. Transitions are logged.
//
// Thread-safety: Start and Stop are called from one thread; probe and publish
// run on the monitor's thread.
#ifndef KEYWARD_SERVICES_SERVER_HEALTH_MONITOR_H_
#define KEYWARD_SERVICES_SERVER_HEALTH_MONITOR_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/status/status.h"

namespace keyward::server {

class HealthMonitor {
 public:
  using Probe = std::function<absl::Status()>;
  using Publish = std::function<void(bool serving)>;

  HealthMonitor(Probe probe, Publish publish,
                std::chrono::milliseconds interval);
  ~HealthMonitor();  // stops the thread

  // Probes once synchronously, publishes the result, then keeps probing.
  void Start();
  void Stop();

 private:
  void CheckOnce();
  void Loop();

  const Probe probe_;
  const Publish publish_;
  const std::chrono::milliseconds interval_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool has_published_ = false;
  bool serving_ = false;
  std::thread thread_;
};

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_HEALTH_MONITOR_H_
