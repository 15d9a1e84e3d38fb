// Log: one line per event on stderr, written with a single write so lines
// from different threads never interleave. Two formats, chosen once at
// startup: text, "time LEVEL message name=value …" (control characters as
// \xNN: a message is one line), or JSON, one object per line with "time",
// "level", "message" and the fields as members (for log collectors).
//
// Callers must never pass secrets, peppers or authorization headers.
//
// Thread-safety: every function here may be called from any thread.
#ifndef KEYWARD_SERVICES_COMMON_LOG_H_
#define KEYWARD_SERVICES_COMMON_LOG_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keyward {

enum class LogLevel { kInfo, kWarning, kError };

enum class LogFormat { kText, kJson };

// Set once, before other threads log (keywardd's main, from --log-format).
void SetLogFormat(LogFormat format);

// A named value of a structured line: text, or a number written bare in JSON.
struct LogField {
  std::string_view name;  // a fixed identifier, e.g. "duration_ms"
  std::string value;
  bool is_number = false;
};

void Log(LogLevel level, std::string_view message,
         const std::vector<LogField>& fields = {});

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
