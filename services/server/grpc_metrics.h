// GrpcMetricsInterceptorFactory: counts every finished RPC on
// GrpcCallMetrics — keyward_grpc_requests_total{method,code} and the
// duration histogram — with the method resolved once per call against the
// registered methods (anything else is "unknown"). Request bodies and
// metadata are never read. Registered only when metrics are on.
//
// Thread-safety: gRPC creates one interceptor per call; the factory is shared.
#ifndef KEYWARD_SERVICES_SERVER_GRPC_METRICS_H_
#define KEYWARD_SERVICES_SERVER_GRPC_METRICS_H_

#include <grpcpp/support/server_interceptor.h>

#include <string>
#include <vector>

#include "services/metrics/grpc_call_metrics.h"

namespace keyward::server {

class GrpcMetricsInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `calls` must outlive the server.
  explicit GrpcMetricsInterceptorFactory(metrics::GrpcCallMetrics& calls)
      : calls_(calls) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  metrics::GrpcCallMetrics& calls_;
};

// "package.Service/Method" for every method of the named services, as the
// linked protobuf descriptors describe them; names of services not linked
// are skipped.
std::vector<std::string> GrpcMethodsOf(
    const std::vector<std::string>& service_names);

// The status codes' names (StatusCodeName), by code.
std::vector<std::string> GrpcCodeNames();

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_GRPC_METRICS_H_
