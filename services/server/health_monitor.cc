#include "services/server/health_monitor.h"

#include <string>

#include "services/common/log.h"

namespace keyward::server {

HealthMonitor::HealthMonitor(Probe probe, Publish publish,
                             std::chrono::milliseconds interval)
    : probe_(std::move(probe)),
      publish_(std::move(publish)),
      interval_(interval) {}

HealthMonitor::~HealthMonitor() { Stop(); }

void HealthMonitor::Start() {
  CheckOnce();
  thread_ = std::thread([this] { Loop(); });
}

void HealthMonitor::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HealthMonitor::CheckOnce() {
  const absl::Status status = probe_();
  const bool serving = status.ok();
  if (has_published_ && serving == serving_) return;
  if (serving) {
    LogInfo("database reachable: health SERVING");
  } else {
    LogWarning("health NOT_SERVING: " + std::string(status.message()));
  }
  publish_(serving);
  serving_ = serving;
  has_published_ = true;
}

void HealthMonitor::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    CheckOnce();
    lock.lock();
  }
}

}  // namespace keyward::server
