#include "services/domain/metrics_sink.h"

namespace keyward::domain {

MetricsSink& NoMetrics() {
  static MetricsSink* const none = new MetricsSink();
  return *none;
}

}  // namespace keyward::domain
