// Log: one line per event on stderr, "time LEVEL message", written with a
// single write so lines from different threads never interleave. Control
// characters in a message are written as \xNN: a message is one line.
//
// Callers must never pass secrets, peppers or authorization headers.
//
// Thread-safety: every function here may be called from any thread.
#ifndef KEYWARD_SERVICES_COMMON_LOG_H_
#define KEYWARD_SERVICES_COMMON_LOG_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace keyward {

enum class LogLevel { kInfo, kWarning, kError };

void Log(LogLevel level, std::string_view message);

inline void LogInfo(std::string_view message) { Log(LogLevel::kInfo, message); }
inline void LogWarning(std::string_view message) {
  Log(LogLevel::kWarning, message);
}
inline void LogError(std::string_view message) {
  Log(LogLevel::kError, message);
}

// Lets one message through per interval, for a condition every call meets
// while it lasts (an outage), so that it cannot flood the log.
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::milliseconds interval)
      : interval_(interval) {}
  // True when a message may be written now.
  bool Allow();

 private:
  const std::chrono::milliseconds interval_;
  std::atomic<int64_t> last_ms_{-1};
};

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_LOG_H_
