#include "services/server/grpc_metrics.h"

#include <google/protobuf/descriptor.h>

#include "services/server/request_log.h"

namespace keyward::server {

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
