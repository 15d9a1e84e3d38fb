// StopSignal: tells long-lived work (event streams) that the server is
// shutting down, and wakes it from its waits at once, so an open stream
// never holds up a shutdown.
//
// Thread-safety: safe to call concurrently.
#ifndef KEYWARD_SERVICES_COMMON_STOP_SIGNAL_H_
#define KEYWARD_SERVICES_COMMON_STOP_SIGNAL_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace keyward {

class StopSignal {
 public:
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }

  // Waits up to `timeout`; true once stopped.
  bool WaitFor(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return stopped_; });
  }

  bool stopped() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopped_ = false;
};

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_STOP_SIGNAL_H_
