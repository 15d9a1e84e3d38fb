#include "services/server/grpc_metrics.h"

#include <google/protobuf/descriptor.h>

#include <chrono>

#include "services/server/request_log.h"

namespace keyward::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class GrpcMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  GrpcMetricsInterceptor(metrics::GrpcCallMetrics& calls, size_t method)
      : calls_(calls),
        method_(method),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      calls_.Record(method_,
                    static_cast<int>(methods->GetSendStatus().error_code()),
                    std::chrono::steady_clock::now() - start_);
    }
    methods->Proceed();
  }

 private:
  metrics::GrpcCallMetrics& calls_;
  const size_t method_;
  const std::chrono::steady_clock::time_point start_;
};

}  // namespace

grpc::experimental::Interceptor*
GrpcMetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  const char* method = info->method();
  return new GrpcMetricsInterceptor(
      calls_, calls_.MethodIndex(method == nullptr ? "" : method));
}

std::vector<std::string> GrpcMethodsOf(
    const std::vector<std::string>& service_names) {
  std::vector<std::string> methods;
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : service_names) {
    const google::protobuf::ServiceDescriptor* service =
        pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      methods.push_back(name + "/" + service->method(i)->name());
    }
  }
  return methods;
}

std::vector<std::string> GrpcCodeNames() {
  std::vector<std::string> names;
  for (size_t code = 0; code < metrics::GrpcCallMetrics::kCodes; ++code) {
    names.push_back(StatusCodeName(static_cast<grpc::StatusCode>(code)));
  }
  return names;
}

}  // namespace keyward::server
