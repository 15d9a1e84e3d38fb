#include "services/server/health_monitor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace keyward::server {
namespace {

// Records what the monitor publishes and lets a test wait for a count.
class PublishedStates {
 public:
  void Publish(bool serving) {
    std::lock_guard<std::mutex> lock(mutex_);
    states_.push_back(serving);
    changed_.notify_all();
  }
  std::vector<bool> WaitFor(size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(10),
                      [&] { return states_.size() >= count; });
    return states_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> states_;
};

TEST(HealthMonitorTest, PublishesTheFirstProbeBeforeStartReturns) {
  PublishedStates published;
  HealthMonitor monitor([] { return absl::OkStatus(); },
                        [&](bool s) { published.Publish(s); },
                        std::chrono::hours(1));
  monitor.Start();
  EXPECT_EQ(published.WaitFor(1), std::vector<bool>{true});
}

TEST(HealthMonitorTest, PublishesOnlyTransitions) {
  // Probe results in order: up, up, down, down, up; then up forever.
  std::atomic<int> probes{0};
  const std::vector<bool> script = {true, true, false, false, true};
  PublishedStates published;
  HealthMonitor monitor(
      [&]() -> absl::Status {
        const int n = probes++;
        const bool up = n >= static_cast<int>(script.size()) || script[n];
        return up ? absl::OkStatus() : absl::UnavailableError("db down");
      },
      [&](bool s) { published.Publish(s); }, std::chrono::milliseconds(1));
  monitor.Start();
  EXPECT_EQ(published.WaitFor(3), (std::vector<bool>{true, false, true}));
  monitor.Stop();
  EXPECT_EQ(published.WaitFor(3).size(), 3u);
}

TEST(HealthMonitorTest, StopEndsProbing) {
  std::atomic<int> probes{0};
  HealthMonitor monitor(
      [&] {
        ++probes;
        return absl::OkStatus();
      },
      [](bool) {}, std::chrono::milliseconds(1));
  monitor.Start();
  monitor.Stop();
  const int after_stop = probes.load();
  monitor.Stop();  // idempotent
  EXPECT_EQ(probes.load(), after_stop);
}

}  // namespace
}  // namespace keyward::server
