// RequestLogInterceptorFactory: writes one log line per finished RPC — its
// request id, method, status code, duration and peer — and, when metrics are
// on, counts it on GrpcCallMetrics (keyward_grpc_requests_total and the
// duration histogram) with the same code and duration: one interceptor per
// call observes it for both. Request bodies are never read, and of the
// metadata (which carries the authorization header) only x-request-id: a
// caller's (the gateway's) id when it is a plain token, otherwise a new
// random one; either is sent back as x-request-id.
//
// Thread-safety: gRPC creates one interceptor per call; the factory is shared.
#ifndef KEYWARD_SERVICES_SERVER_REQUEST_LOG_H_
#define KEYWARD_SERVICES_SERVER_REQUEST_LOG_H_

#include <grpcpp/support/server_interceptor.h>
#include <grpcpp/support/string_ref.h>

#include <map>
#include <string>

#include "services/metrics/grpc_call_metrics.h"

namespace keyward::server {

class RequestLogInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `calls` (null: metrics off) must outlive the server.
  explicit RequestLogInterceptorFactory(metrics::GrpcCallMetrics* calls)
      : calls_(calls) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  metrics::GrpcCallMetrics* calls_;
};

// The caller's x-request-id when it is 1–64 characters of [A-Za-z0-9._:-],
// otherwise "" (a new id is used instead, so a caller cannot put arbitrary
// text into the log).
std::string RequestIdOf(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata);

// 20 random base-32 characters (100 bits).
std::string NewRequestId();

// "OK", "INVALID_ARGUMENT", … for a status code.
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace keyward::server

#endif  // KEYWARD_SERVICES_SERVER_REQUEST_LOG_H_
