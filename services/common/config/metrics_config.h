// keywardd's /metrics endpoint (docs/metrics.md): where it listens, or off.
// Defaults live in MetricsOptions() alone.
//
// Thread-safety: a plain value; the table is immutable.
#ifndef KEYWARD_SERVICES_COMMON_CONFIG_METRICS_CONFIG_H_
#define KEYWARD_SERVICES_COMMON_CONFIG_METRICS_CONFIG_H_

#include <string>
#include <vector>

#include "services/common/options.h"

namespace keyward {

struct MetricsConfig {
  // "ipv4:port"; empty when metrics are off (no endpoint, nothing
  // collected).
  std::string listen;
  bool allow_insecure = false;  // plain HTTP on a non-loopback address

  bool enabled() const { return !listen.empty(); }
};

const OptionTable<MetricsConfig>& MetricsOptions();

// Plain HTTP beyond loopback only when allowed.
void CheckMetricsConfig(const MetricsConfig& metrics,
                        std::vector<std::string>& problems);

}  // namespace keyward

#endif  // KEYWARD_SERVICES_COMMON_CONFIG_METRICS_CONFIG_H_
