// MalformedRequestInterceptorFactory: gRPC answers a request it cannot parse
// (for example a string field that is not valid UTF-8) with INTERNAL and an
// empty message before any handler runs. That is bad input, not a server
// fault, so this interceptor turns it into INVALID_ARGUMENT saying so.
//
// Thread-safety: gRPC creates one interceptor per call; the factory is shared.
#ifndef KEYWARD_SERVICES_SERVER_MALFORMED_REQUEST_H_
#define KEYWARD_SERVICES_SERVER_MALFORMED_REQUEST_H_

#include <grpcpp/support/server_interceptor.h>

namespace keyward::server {

class MalformedRequestInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_MALFORMED_REQUEST_H_
