// Times reach keywardd as google.protobuf.Timestamp (expire_time, audit
// filters) with any seconds and nanos a caller puts there. What converts
// is in Timestamp's range and converts back to itself, cut to microseconds;
// the rest is INVALID_ARGUMENT naming the field.
#include <google/protobuf/timestamp.pb.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "services/api/convert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int64_t seconds = 0;
  int32_t nanos = 0;
  if (size != sizeof seconds + sizeof nanos) return 0;
  std::memcpy(&seconds, data, sizeof seconds);
  std::memcpy(&nanos, data + sizeof seconds, sizeof nanos);
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(nanos);
  auto time = keyward::api::FromTimestamp("expire_time", timestamp);
  if (!time.ok()) {
    if (time.status().code() != absl::StatusCode::kInvalidArgument)
      std::abort();
    return 0;
  }
  const google::protobuf::Timestamp back = keyward::api::ToTimestamp(*time);
  if (back.seconds() != seconds || back.nanos() != nanos / 1000 * 1000) {
    std::abort();
  }
  return 0;
}
