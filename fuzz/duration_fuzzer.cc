// Durations in keywardd's flags and the CLI's options. What parses is never
// negative and adds up: "<text>1ms" is one millisecond more (or too long).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "services/common/duration.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = keyward::ParseDuration(text);
  if (!parsed.ok()) return 0;
  if (parsed->count() < 0) std::abort();
  auto longer = keyward::ParseDuration(text + "1ms");
  if (longer.ok() && *longer != *parsed + std::chrono::milliseconds(1)) {
    std::abort();
  }
  if (!longer.ok() && parsed->count() != INT64_MAX) std::abort();
  return 0;
}
