#include "tests/support/eventually.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace keyward::testing {

bool PollUntil(const std::function<bool()>& predicate,
               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Quick at first (most waits end within a few milliseconds), then no
  // busier than 20 polls a second.
  std::chrono::milliseconds pause(1);
  while (!predicate()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
  return true;
}

bool Eventually(const std::string& what, const std::function<bool()>& predicate,
                std::chrono::milliseconds timeout) {
  if (PollUntil(predicate, timeout)) return true;
  ADD_FAILURE() << "timed out after " << timeout.count() << " ms waiting for "
                << what;
  return false;
}

}  // namespace keyward::testing
