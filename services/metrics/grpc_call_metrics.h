// GrpcCallMetrics: keyward_grpc_requests_total{method,code} and
// keyward_grpc_request_duration_seconds{method}, kept in fixed arrays of
// atomics — one row per method the server registers plus "unknown" — so that
// recording a call takes no lock and allocates nothing, and a client
// calling made-up method names cannot add label values. A series appears in
// the scrape once it has counted a call.
//
// Thread-safety: Record and Collect may be called concurrently; the method
// table is immutable after construction.
#ifndef KEYWARD_SERVICES_METRICS_GRPC_CALL_METRICS_H_
#define KEYWARD_SERVICES_METRICS_GRPC_CALL_METRICS_H_

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace keyward::metrics {

class GrpcCallMetrics : public prometheus::Collectable {
 public:
  // gRPC's status codes, OK (0) to UNAUTHENTICATED (16).
  static constexpr size_t kCodes = 17;
  // The duration buckets' upper bounds in seconds: from a warm verify
  // (tens of microseconds) to calls waiting on a slow database.
  static const std::vector<double>& DurationBuckets();

  // `methods`: "package.Service/Method", each registered method once;
  // `code_names`: the label of each status code, kCodes of them.
  GrpcCallMetrics(const std::vector<std::string>& methods,
                  const std::vector<std::string>& code_names);

  // The row of `path` as gRPC names a call ("/package.Service/Method"), or
  // the "unknown" row.
  size_t MethodIndex(std::string_view path) const;
  // Codes outside 0..16 count as UNKNOWN (2).
  void Record(size_t method, int code, std::chrono::nanoseconds duration);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  struct Row {
    std::array<std::atomic<uint64_t>, kCodes> calls{};
    // Per bucket (not cumulative); the last one is +Inf.
    std::vector<std::atomic<uint64_t>> buckets;
    std::atomic<uint64_t> sum_nanos{0};
  };

  std::vector<std::string> method_labels_;  // the methods, then "unknown"
  std::vector<std::string> code_labels_;
  std::vector<int64_t> bucket_nanos_;
  std::vector<std::string> paths_;  // "/package.Service/Method", by row
  // Views into paths_, which never changes after construction.
  std::unordered_map<std::string_view, size_t> index_;
  std::unique_ptr<Row[]> rows_;
};

}  // namespace keyward::metrics

#endif  // KEYWARD_SERVICES_METRICS_GRPC_CALL_METRICS_H_
