#include "services/common/log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace keyward {
namespace {

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

std::string UtcTimestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          now.time_since_epoch())
                          .count() %
                      1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  const size_t length = std::strftime(buffer, sizeof(buffer), "%FT%T", &utc);
  char with_millis[48];
  std::snprintf(with_millis, sizeof(with_millis), "%.*s.%03dZ",
                static_cast<int>(length), buffer, static_cast<int>(millis));
  return with_millis;
}

// Control characters (CR, LF, NUL, ESC, …) written as \xNN, so a message can
// never split its line, forge another or drive the terminal.
void AppendEscaped(std::string_view message, std::string& line) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      line += "\\x";
      line += kHex[byte >> 4];
      line += kHex[byte & 0xf];
    } else {
      line += c;
    }
  }
}

}  // namespace

void Log(LogLevel level, std::string_view message) {
  std::string line = UtcTimestamp();
  line += ' ';
  line += LevelName(level);
  line += ' ';
  AppendEscaped(message, line);
  line += '\n';
  // One write(2) per line keeps concurrent lines whole.
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t written = ::write(STDERR_FILENO, data, left);
    if (written <= 0) return;
    data += written;
    left -= static_cast<size_t>(written);
  }
}

bool LogThrottle::Allow() {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count();
  int64_t last = last_ms_.load();
  if (last >= 0 && now - last < interval_.count()) return false;
  return last_ms_.compare_exchange_strong(last, now);
}

}  // namespace keyward
