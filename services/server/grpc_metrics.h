// What GrpcCallMetrics is set up with: the served methods (any other is
// counted as "unknown") and the status codes' names. The calls are counted
// by the request log's interceptor (request_log.h).
#ifndef KEYWARD_SERVICES_SERVER_GRPC_METRICS_H_
#define KEYWARD_SERVICES_SERVER_GRPC_METRICS_H_

#include <string>
#include <vector>

namespace keyward::server {

// "package.Service/Method" for every method of the named services, as the
// linked protobuf descriptors describe them; names of services not linked
// are skipped.
std::vector<std::string> GrpcMethodsOf(
    const std::vector<std::string>& service_names);

// The status codes' names (StatusCodeName), by code.
std::vector<std::string> GrpcCodeNames();

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_GRPC_METRICS_H_
