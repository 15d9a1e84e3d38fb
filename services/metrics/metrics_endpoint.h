// MetricsEndpoint: serves a Metrics' families in the Prometheus text format
// at http://<address>/metrics (plain HTTP, GET; every other path is 404),
// on threads of its own, until destroyed. Nothing it serves is secret by
// construction (see metrics.h), but it says how busy and healthy keywardd
// is: keywardd binds it to loopback unless the operator allows more
// (--allow-insecure-metrics).
//
// Thread-safety: Start and the destructor from one thread.
#ifndef KEYWARD_SERVICES_METRICS_METRICS_ENDPOINT_H_
#define KEYWARD_SERVICES_METRICS_METRICS_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/metrics/metrics.h"

namespace prometheus {
class Exposer;
}

namespace keyward::metrics {

class MetricsEndpoint {
 public:
  // Listens on `address` ("ipv4:port"; port 0 picks one).
  // UNAVAILABLE naming the address when it cannot. `metrics` must outlive
  // the endpoint.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& address, const Metrics& metrics);
  ~MetricsEndpoint();

  // The port bound (the one the kernel picked for port 0).
  int port() const { return port_; }

 private:
  MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer, int port);

  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_;
};

}  // namespace keyward::metrics

#endif  // KEYWARD_SERVICES_METRICS_METRICS_ENDPOINT_H_
