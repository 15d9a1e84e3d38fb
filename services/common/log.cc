#include "services/common/log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace keyward {
namespace {

std::atomic<LogFormat> log_format{LogFormat::kText};

constexpr char kHex[] = "0123456789abcdef";

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

// Length of the well-formed UTF-8 sequence at the start of `text`, or 0.
size_t Utf8SequenceLength(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  size_t length = 0;
  uint32_t min = 0;
  uint32_t code = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, min = 0x80, code = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, min = 0x800, code = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, min = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xc0) != 0x80) return 0;
    code = (code << 6) | (byte & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return 0;
  }
  return length;
}

// A JSON string: quotes, backslashes and control characters escaped, bytes
// that are not well-formed UTF-8 replaced by U+FFFD, so every line parses.
void AppendJsonString(std::string_view text, std::string& line) {
  line += '"';
  while (!text.empty()) {
    const auto byte = static_cast<unsigned char>(text[0]);
    size_t taken = 1;
    if (byte == '"' || byte == '\\') {
      line += '\\';
      line += static_cast<char>(byte);
    } else if (byte < 0x20 || byte == 0x7f) {
      line += "\\u00";
      line += kHex[byte >> 4];
      line += kHex[byte & 0xf];
    } else if (byte < 0x80) {
      line += static_cast<char>(byte);
    } else if (const size_t length = Utf8SequenceLength(text); length > 0) {
      line.append(text.substr(0, length));
      taken = length;
    } else {
      line += "\\ufffd";
    }
    text.remove_prefix(taken);
  }
  line += '"';
}

std::string TextLine(LogLevel level, std::string_view message,
                     const std::vector<LogField>& fields) {
  std::string line = UtcTimestamp();
  line += ' ';
  line += LevelName(level);
  line += ' ';
  AppendEscaped(message, line);
  for (const LogField& field : fields) {
    line += ' ';
    line += field.name;
    line += '=';
    AppendEscaped(field.value, line);
  }
  line += '\n';
  return line;
}

std::string JsonLine(LogLevel level, std::string_view message,
                     const std::vector<LogField>& fields) {
  std::string line = "{\"time\":\"" + UtcTimestamp() + "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"message\":";
  AppendJsonString(message, line);
  for (const LogField& field : fields) {
    line += ',';
    AppendJsonString(field.name, line);
    line += ':';
    if (field.is_number) {
      line += field.value;
    } else {
      AppendJsonString(field.value, line);
    }
  }
  line += "}\n";
  return line;
}

}  // namespace

void SetLogFormat(LogFormat format) { log_format.store(format); }

void Log(LogLevel level, std::string_view message,
         const std::vector<LogField>& fields) {
  const std::string line = log_format.load() == LogFormat::kJson
                               ? JsonLine(level, message, fields)
                               : TextLine(level, message, fields);
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
