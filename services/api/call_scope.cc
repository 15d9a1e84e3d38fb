#include "services/api/call_scope.h"

#include "keyward/v1/policy.pb.h"
#include "services/api/convert.h"

namespace keyward::api {
namespace {

std::optional<std::string> Authorization(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return std::nullopt;
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

CallScope::CallScope(grpc::ServerContext* context,
                     domain::Authenticator& authenticator)
    : context_(context) {
  absl::StatusOr<domain::Caller> caller =
      authenticator.Authenticate(Authorization(*context), context->peer());
  if (!caller.ok()) {
    error_ = caller.status();
    return;
  }
  caller_ = *std::move(caller);
  caller_.deadline = context->deadline();
  caller_.decision_out = &decision_;
}

CallScope::CallScope(grpc::ServerContext* context, NoCredentials)
    : context_(context) {
  caller_.deadline = context->deadline();
  caller_.decision_out = &decision_;
}

CallScope::~CallScope() {
  if (decision_.decision_id.empty() && decision_.warnings.empty()) return;
  context_->AddTrailingMetadata(kPolicyDecisionTrailer,
                                ToProto(decision_).SerializeAsString());
}

grpc::Status CallScope::error() const { return ToGrpcStatus(error_); }

}  // namespace keyward::api
