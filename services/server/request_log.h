// RequestLogInterceptorFactory: writes one log line per finished RPC — method,
// status code, duration and peer. Request bodies and metadata (which carry
// secrets and the authorization header) are never read.
//
// Thread-safety: gRPC creates one interceptor per call; the factory is shared.
#ifndef KEYWARD_SERVICES_SERVER_REQUEST_LOG_H_
#define KEYWARD_SERVICES_SERVER_REQUEST_LOG_H_

#include <grpcpp/support/server_interceptor.h>

namespace keyward::server {

class RequestLogInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

// "OK", "INVALID_ARGUMENT", … for a status code.
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_REQUEST_LOG_H_
