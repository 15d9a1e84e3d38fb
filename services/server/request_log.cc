#include "services/server/request_log.h"

#include <grpcpp/server_context.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "services/common/log.h"
#include "services/crypto/random.h"

namespace keyward::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr char kRequestIdKey[] = "x-request-id";

const char* MethodOf(const grpc::experimental::ServerRpcInfo* info) {
  return info->method() == nullptr ? "" : info->method();
}

class RequestLogInterceptor : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(grpc::experimental::ServerRpcInfo* info,
                        metrics::GrpcCallMetrics* calls)
      : info_(info),
        calls_(calls),
        // The method is resolved once per call, against the registered ones.
        method_index_(calls == nullptr ? 0
                                       : calls->MethodIndex(MethodOf(info))),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      request_id_ = RequestIdOf(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdKey, RequestId());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finish(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  // The id is taken from the first of the hooks that needs it: a call
  // refused before its metadata is read still gets one.
  const std::string& RequestId() {
    if (request_id_.empty()) request_id_ = NewRequestId();
    return request_id_;
  }

  void Finish(const grpc::Status& status) {
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    if (calls_ != nullptr) {
      calls_->Record(method_index_, static_cast<int>(status.error_code()),
                     elapsed);
    }
    const double millis =
        std::chrono::duration<double, std::milli>(elapsed).count();
    char duration[32];
    std::snprintf(duration, sizeof(duration), "%.2f", millis);
    std::vector<LogField> fields = {
        {"request_id", RequestId()},
        {"method", MethodOf(info_)},
        {"code", StatusCodeName(status.error_code())},
        {"duration_ms", duration, /*is_number=*/true},
    };
    if (info_->server_context() != nullptr) {
      fields.push_back({"peer", info_->server_context()->peer()});
    }
    Log(LogLevel::kInfo, "rpc", fields);
  }

  grpc::experimental::ServerRpcInfo* info_;
  metrics::GrpcCallMetrics* calls_;
  const size_t method_index_;
  std::chrono::steady_clock::time_point start_;
  std::string request_id_;
};

}  // namespace

std::string RequestIdOf(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  const auto given = metadata.find(kRequestIdKey);
  if (given == metadata.end()) return "";
  const std::string_view id(given->second.data(), given->second.size());
  if (id.empty() || id.size() > 64) return "";
  for (const char c : id) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                         c == '.' || c == ':';
    if (!allowed) return "";
  }
  return std::string(id);
}

std::string NewRequestId() {
  return crypto::RandomString(20, "0123456789abcdefghijklmnopqrstuv");
}

grpc::experimental::Interceptor*
RequestLogInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RequestLogInterceptor(info, calls_);
}

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    default:
      return "UNKNOWN";
  }
}

}  // namespace keyward::server
