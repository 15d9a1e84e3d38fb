#include "services/metrics/grpc_call_metrics.h"

#include <algorithm>
#include <limits>

namespace keyward::metrics {
namespace {

constexpr int kUnknownCode = 2;
constexpr char kUnknownMethod[] = "unknown";

}  // namespace

const std::vector<double>& GrpcCallMetrics::DurationBuckets() {
  static const std::vector<double> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
  return kBuckets;
}

GrpcCallMetrics::GrpcCallMetrics(const std::vector<std::string>& methods,
                                 const std::vector<std::string>& code_names)
    : method_labels_(methods), code_labels_(code_names) {
  code_labels_.resize(kCodes, "UNKNOWN");
  method_labels_.push_back(kUnknownMethod);
  for (const std::string& method : methods) paths_.push_back("/" + method);
  for (size_t i = 0; i < paths_.size(); ++i) index_.emplace(paths_[i], i);
  for (const double bound : DurationBuckets()) {
    bucket_nanos_.push_back(static_cast<int64_t>(bound * 1e9));
  }
  rows_ = std::make_unique<Row[]>(method_labels_.size());
  for (size_t i = 0; i < method_labels_.size(); ++i) {
    rows_[i].buckets =
        std::vector<std::atomic<uint64_t>>(bucket_nanos_.size() + 1);
  }
}

size_t GrpcCallMetrics::MethodIndex(std::string_view path) const {
  const auto it = index_.find(path);
  return it == index_.end() ? method_labels_.size() - 1 : it->second;
}

void GrpcCallMetrics::Record(size_t method, int code,
                             std::chrono::nanoseconds duration) {
  if (method >= method_labels_.size()) method = method_labels_.size() - 1;
  if (code < 0 || code >= static_cast<int>(kCodes)) code = kUnknownCode;
  Row& row = rows_[method];
  row.calls[code].fetch_add(1, std::memory_order_relaxed);
  const int64_t nanos = std::max<int64_t>(0, duration.count());
  size_t bucket = 0;
  while (bucket < bucket_nanos_.size() && nanos > bucket_nanos_[bucket]) {
    ++bucket;
  }
  row.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  row.sum_nanos.fetch_add(static_cast<uint64_t>(nanos),
                          std::memory_order_relaxed);
}

std::vector<prometheus::MetricFamily> GrpcCallMetrics::Collect() const {
  prometheus::MetricFamily calls;
  calls.name = "keyward_grpc_requests_total";
  calls.help = "gRPC calls finished, by method and status code";
  calls.type = prometheus::MetricType::Counter;
  prometheus::MetricFamily durations;
  durations.name = "keyward_grpc_request_duration_seconds";
  durations.help = "Time from a gRPC call's start to its status, by method";
  durations.type = prometheus::MetricType::Histogram;

  const std::vector<double>& bounds = DurationBuckets();
  for (size_t m = 0; m < method_labels_.size(); ++m) {
    const Row& row = rows_[m];
    for (size_t code = 0; code < kCodes; ++code) {
      const uint64_t count = row.calls[code].load(std::memory_order_relaxed);
      if (count == 0) continue;
      prometheus::ClientMetric metric;
      metric.label = {{"code", code_labels_[code]},
                      {"method", method_labels_[m]}};
      metric.counter.value = static_cast<double>(count);
      calls.metric.push_back(std::move(metric));
    }
    prometheus::ClientMetric metric;
    metric.label = {{"method", method_labels_[m]}};
    uint64_t cumulative = 0;
    for (size_t b = 0; b < row.buckets.size(); ++b) {
      cumulative += row.buckets[b].load(std::memory_order_relaxed);
      metric.histogram.bucket.push_back(
          {cumulative, b < bounds.size()
                           ? bounds[b]
                           : std::numeric_limits<double>::infinity()});
    }
    if (cumulative == 0) continue;
    metric.histogram.sample_count = cumulative;
    metric.histogram.sample_sum =
        static_cast<double>(row.sum_nanos.load(std::memory_order_relaxed)) /
        1e9;
    durations.metric.push_back(std::move(metric));
  }
  return {std::move(calls), std::move(durations)};
}

}  // namespace keyward::metrics
